package vonage

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"

	"github.com/meetbridge/meetbridge/internal/loopback"
)

// LogoType is which of a theme's logos an upload is for.
type LogoType string

// The logo types.
const (
	LogoWhite   LogoType = "white"
	LogoColored LogoType = "colored"
	LogoFavicon LogoType = "favicon"
)

// MaxLogoBytes bounds a logo the client uploads.
const MaxLogoBytes = 5 << 20

// LogoUploadTarget is where one logo is uploaded: an S3 form POST to URL
// with every one of Fields before the file.
type LogoUploadTarget struct {
	// URL is the storage endpoint.
	URL string `json:"url"`
	// Fields are the form fields S3 checks: Content-Type, key, logoType,
	// bucket, X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
	// X-Amz-Security-Token, Policy and X-Amz-Signature.
	Fields map[string]string `json:"fields"`
}

// Key is the upload's key, which FinalizeLogos takes.
func (t LogoUploadTarget) Key() string { return t.Fields["key"] }

// LogoType is the logo the target is for.
func (t LogoUploadTarget) LogoType() LogoType { return LogoType(t.Fields["logoType"]) }

// LogoUploadURLs returns one upload target per logo type
// (GET /themes/logos-upload-urls): the first of the three steps of a logo
// upload, then UploadLogo, then FinalizeLogos.
func (c *Client) LogoUploadURLs(ctx context.Context) ([]LogoUploadTarget, error) {
	var ts []LogoUploadTarget
	err := c.do(ctx, call{op: "get logo upload URLs", method: http.MethodGet, path: "/themes/logos-upload-urls", out: &ts})
	return ts, err
}

// UploadLogo posts a PNG to its target as a multipart form: every field,
// then the file. It sends no application token: the form's own signature
// is the authorisation.
func (c *Client) UploadLogo(ctx context.Context, t LogoUploadTarget, png io.Reader) error {
	const op = "upload logo"
	u, err := url.Parse(t.URL)
	if err != nil || u.Host == "" || !loopback.SecureScheme(u) {
		return &ValidationError{Op: op, Field: "url", Reason: fmt.Sprintf("%q is not an https URL", t.URL)}
	}
	if t.Key() == "" {
		return &ValidationError{Op: op, Field: "fields.key", Reason: "is required"}
	}
	if png == nil {
		return &ValidationError{Op: op, Field: "file", Reason: "is required"}
	}
	data, err := io.ReadAll(io.LimitReader(png, MaxLogoBytes+1))
	if err != nil {
		return fmt.Errorf("vonage: %s: reading the logo: %w", op, err)
	}
	if len(data) > MaxLogoBytes {
		return &ValidationError{Op: op, Field: "file", Reason: fmt.Sprintf("is larger than %d bytes", MaxLogoBytes)}
	}
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	names := make([]string, 0, len(t.Fields))
	for k := range t.Fields {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if err := form.WriteField(k, t.Fields[k]); err != nil {
			return fmt.Errorf("vonage: %s: %w", op, err)
		}
	}
	fw, err := form.CreateFormFile("file", t.Key())
	if err == nil {
		_, err = fw.Write(data)
	}
	if err == nil {
		err = form.Close()
	}
	if err != nil {
		return fmt.Errorf("vonage: %s: %w", op, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL, &body)
	if err != nil {
		return fmt.Errorf("vonage: %s: %w", op, err)
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		return transportError(op, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// S3 answers XML; keep its text as the message.
		return &APIError{Op: op, Status: resp.StatusCode, Name: "StorageError", Message: clean(string(raw))}
	}
	return nil
}

// FinalizeLogos attaches uploaded logos to a theme
// (PUT /themes/{id}/finalizeLogos). A logo Vonage refuses is an APIError
// whose Errors name its key, code and invalid property.
func (c *Client) FinalizeLogos(ctx context.Context, themeID string, keys ...string) error {
	const op = "finalize logos"
	p, err := pathID(op, "theme_id", themeID)
	if err != nil {
		return err
	}
	if len(keys) == 0 || slices.Contains(keys, "") {
		return &ValidationError{Op: op, Field: "keys", Reason: "give at least one key, none empty"}
	}
	return c.do(ctx, call{op: op, method: http.MethodPut, path: "/themes" + p + "/finalizeLogos", in: struct {
		Keys []string `json:"keys"`
	}{keys}})
}

// SetThemeLogo runs the three steps of a logo upload for one logo of a
// theme: it gets the upload targets, uploads the PNG to the one for typ and
// finalizes it.
func (c *Client) SetThemeLogo(ctx context.Context, themeID string, typ LogoType, png io.Reader) error {
	const op = "set theme logo"
	switch typ {
	case LogoWhite, LogoColored, LogoFavicon:
	default:
		return enumError(op, "logoType", typ, LogoWhite, LogoColored, LogoFavicon)
	}
	if _, err := pathID(op, "theme_id", themeID); err != nil {
		return err
	}
	if png == nil {
		return &ValidationError{Op: op, Field: "file", Reason: "is required"}
	}
	targets, err := c.LogoUploadURLs(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(targets, func(t LogoUploadTarget) bool { return t.LogoType() == typ })
	if i < 0 {
		return fmt.Errorf("vonage: %s: %w: no upload URL for %s logos", op, ErrMalformedResponse, typ)
	}
	if err := c.UploadLogo(ctx, targets[i], png); err != nil {
		return err
	}
	return c.FinalizeLogos(ctx, themeID, targets[i].Key())
}
