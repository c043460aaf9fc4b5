package vonage

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Length limits of the API's text fields, in characters.
const (
	maxDisplayName     = 200
	maxMetadata        = 500
	maxThemeName       = 200
	maxBrandText       = 200
	maxShortCompanyURL = 128
)

// MinExpiryLead is how far ahead a room's expires_at must be.
const MinExpiryLead = 10 * time.Minute

// colorPattern is the API's main_color: #rgb or #rrggbb.
var colorPattern = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// checkText checks a text field's presence, encoding and length.
func checkText(op, field, v string, max int, required bool) error {
	switch {
	case required && strings.TrimSpace(v) == "":
		return &ValidationError{Op: op, Field: field, Reason: "is required"}
	case !utf8.ValidString(v):
		return &ValidationError{Op: op, Field: field, Reason: "is not valid UTF-8"}
	case utf8.RuneCountInString(v) > max:
		return &ValidationError{Op: op, Field: field, Reason: fmt.Sprintf("is %d characters long, more than %d", utf8.RuneCountInString(v), max)}
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return &ValidationError{Op: op, Field: field, Reason: "contains a control character"}
	}
	return nil
}

// checkExpiry requires t to be more than MinExpiryLead after now.
func checkExpiry(op string, t, now time.Time) error {
	if !t.After(now.Add(MinExpiryLead)) {
		return &ValidationError{Op: op, Field: "expires_at", Reason: fmt.Sprintf("%s is not more than 10 minutes ahead", t.UTC().Format(time.RFC3339))}
	}
	return nil
}

// checkColor requires #rgb or #rrggbb.
func checkColor(op, field, v string) error {
	if !colorPattern.MatchString(v) {
		return &ValidationError{Op: op, Field: field, Reason: fmt.Sprintf("%q is not a color such as #f0a or #ff00aa", v)}
	}
	return nil
}

// checkUUID requires a UUID.
func checkUUID(op, field, v string) error {
	if _, err := uuid.Parse(v); err != nil {
		return &ValidationError{Op: op, Field: field, Reason: fmt.Sprintf("%q is not a UUID", v)}
	}
	return nil
}

// checkCallbackURL accepts an empty value or an absolute http(s) URL.
func checkCallbackURL(op, field, v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return &ValidationError{Op: op, Field: field, Reason: fmt.Sprintf("%q is not an absolute http(s) URL", v)}
	}
	return nil
}

// enumError refuses a value outside an enum, naming the allowed ones.
func enumError[T ~string](op, field string, v T, allowed ...T) error {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return &ValidationError{Op: op, Field: field, Reason: fmt.Sprintf("%q is not one of %s", v, strings.Join(names, ", "))}
}
