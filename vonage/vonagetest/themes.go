package vonagetest

import (
	"net/http"
	"regexp"
	"unicode/utf8"

	"github.com/google/uuid"
)

// theme is a theme as the API answers it.
type theme struct {
	ThemeID              string `json:"theme_id"`
	ThemeName            string `json:"theme_name,omitempty"`
	Domain               string `json:"domain"`
	AccountID            string `json:"account_id"`
	ApplicationID        string `json:"application_id"`
	MainColor            string `json:"main_color"`
	ShortCompanyURL      string `json:"short_company_url,omitempty"`
	BrandText            string `json:"brand_text"`
	BrandImageColored    string `json:"brand_image_colored,omitempty"`
	BrandImageWhite      string `json:"brand_image_white,omitempty"`
	BrandedFavicon       string `json:"branded_favicon,omitempty"`
	BrandImageColoredURL string `json:"brand_image_colored_url,omitempty"`
	BrandImageWhiteURL   string `json:"brand_image_white_url,omitempty"`
	BrandedFaviconURL    string `json:"branded_favicon_url,omitempty"`
}

// themeFields are the writable fields of a theme.
type themeFields struct {
	ThemeName       *string `json:"theme_name"`
	MainColor       *string `json:"main_color"`
	BrandText       *string `json:"brand_text"`
	ShortCompanyURL *string `json:"short_company_url"`
}

// AccountID is the fake's account.
const AccountID = "a1b2c3d4"

// color is main_color's pattern.
var color = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// check checks the fields that are set; create requires main_color and
// brand_text.
func (f themeFields) check(create bool) *apiError {
	if create && (f.MainColor == nil || f.BrandText == nil || *f.BrandText == "") {
		return fail(http.StatusBadRequest, "main_color and brand_text are required")
	}
	if f.MainColor != nil && !color.MatchString(*f.MainColor) {
		return fail(http.StatusBadRequest, "main_color %q is not a hex color", *f.MainColor)
	}
	for _, l := range []struct {
		name string
		v    *string
		max  int
	}{{"brand_text", f.BrandText, 200}, {"theme_name", f.ThemeName, 200}, {"short_company_url", f.ShortCompanyURL, 128}} {
		if l.v != nil && utf8.RuneCountInString(*l.v) > l.max {
			return fail(http.StatusBadRequest, "%s is longer than %d characters", l.name, l.max)
		}
	}
	return nil
}

// conflict reports a name or URL another theme has; the caller holds mu.
func (s *Server) conflict(f themeFields, self string) *apiError {
	for id, t := range s.themes {
		if id == self {
			continue
		}
		if f.ThemeName != nil && *f.ThemeName != "" && *f.ThemeName == t.ThemeName {
			return fail(http.StatusConflict, "theme_name %q already exists", t.ThemeName)
		}
		if f.ShortCompanyURL != nil && *f.ShortCompanyURL != "" && *f.ShortCompanyURL == t.ShortCompanyURL {
			return fail(http.StatusConflict, "short_company_url %q already exists", t.ShortCompanyURL)
		}
	}
	return nil
}

// set applies the fields that are set.
func (t *theme) set(f themeFields) {
	for _, p := range []struct {
		dst *string
		src *string
	}{{&t.ThemeName, f.ThemeName}, {&t.MainColor, f.MainColor}, {&t.BrandText, f.BrandText}, {&t.ShortCompanyURL, f.ShortCompanyURL}} {
		if p.src != nil {
			*p.dst = *p.src
		}
	}
}

// MaxThemes is how many themes an application may have.
const MaxThemes = 20

// createTheme serves POST /themes.
func (s *Server) createTheme(r *http.Request) (int, any, *apiError) {
	var f themeFields
	if e := decodeBody(r, &f); e != nil {
		return 0, nil, e
	}
	if e := f.check(true); e != nil {
		return 0, nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.conflict(f, ""); e != nil {
		return 0, nil, e
	}
	if len(s.themes) >= MaxThemes {
		return 0, nil, fail(http.StatusForbidden, "the application has reached its limit of %d themes", MaxThemes)
	}
	t := &theme{ThemeID: uuid.NewString(), Domain: "VCP", AccountID: AccountID, ApplicationID: s.cfg.ApplicationID}
	t.set(f)
	s.themes[t.ThemeID] = t
	s.themeOrder = append(s.themeOrder, t.ThemeID)
	return http.StatusCreated, t, nil
}

// getTheme serves GET /themes/{id}.
func (s *Server) getTheme(r *http.Request) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.themes[r.PathValue("id")]
	if !ok {
		return 0, nil, fail(http.StatusNotFound, "Theme %s not found", r.PathValue("id"))
	}
	return http.StatusOK, t, nil
}

// listThemes serves GET /themes.
func (s *Server) listThemes(*http.Request) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []*theme{}
	for _, id := range s.themeOrder {
		if t, ok := s.themes[id]; ok {
			out = append(out, t)
		}
	}
	return http.StatusOK, out, nil
}

// updateTheme serves PATCH /themes/{id}.
func (s *Server) updateTheme(r *http.Request) (int, any, *apiError) {
	var b struct {
		UpdateDetails *themeFields `json:"update_details"`
	}
	if e := decodeBody(r, &b); e != nil {
		return 0, nil, e
	}
	if b.UpdateDetails == nil {
		return 0, nil, fail(http.StatusBadRequest, "update_details is required")
	}
	if e := b.UpdateDetails.check(false); e != nil {
		return 0, nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.themes[r.PathValue("id")]
	if !ok {
		return 0, nil, fail(http.StatusNotFound, "Theme %s not found", r.PathValue("id"))
	}
	if e := s.conflict(*b.UpdateDetails, t.ThemeID); e != nil {
		return 0, nil, e
	}
	t.set(*b.UpdateDetails)
	return http.StatusOK, t, nil
}

// deleteTheme serves DELETE /themes/{id}[?force=true]: a theme in use by a
// room or as the default is refused unless forced.
func (s *Server) deleteTheme(r *http.Request) (int, any, *apiError) {
	force := r.URL.Query().Get("force")
	if force != "" && force != "true" && force != "false" {
		return 0, nil, fail(http.StatusBadRequest, "force must be true or false")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	if _, ok := s.themes[id]; !ok {
		return 0, nil, fail(http.StatusNotFound, "Theme %s not found", id)
	}
	inUse := s.defaultTheme == id
	for _, rm := range s.roomsByID {
		inUse = inUse || (rm.ThemeID != nil && *rm.ThemeID == id)
	}
	if inUse && force != "true" {
		return 0, nil, fail(http.StatusBadRequest, "could not delete theme")
	}
	for _, rm := range s.roomsByID {
		if rm.ThemeID != nil && *rm.ThemeID == id {
			rm.ThemeID = nil
		}
	}
	if s.defaultTheme == id {
		s.defaultTheme = ""
	}
	delete(s.themes, id)
	return http.StatusNoContent, nil, nil
}

// application is PATCH /applications' answer.
type application struct {
	ApplicationID  string `json:"application_id"`
	AccountID      string `json:"account_id"`
	DefaultThemeID string `json:"default_theme_id"`
}

// updateApplication serves PATCH /applications.
func (s *Server) updateApplication(r *http.Request) (int, any, *apiError) {
	var b struct {
		UpdateDetails *struct {
			DefaultThemeID *string `json:"default_theme_id"`
		} `json:"update_details"`
	}
	if e := decodeBody(r, &b); e != nil {
		return 0, nil, e
	}
	if b.UpdateDetails == nil || b.UpdateDetails.DefaultThemeID == nil {
		return 0, nil, fail(http.StatusBadRequest, "update_details.default_theme_id is required")
	}
	id := *b.UpdateDetails.DefaultThemeID
	if !validThemeID(id) {
		return 0, nil, fail(http.StatusBadRequest, "default_theme_id %q is not a UUID", id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.themes[id]; !ok {
		return 0, nil, fail(http.StatusNotFound, "Theme %s not found", id)
	}
	s.defaultTheme = id
	return http.StatusOK, application{ApplicationID: s.cfg.ApplicationID, AccountID: AccountID, DefaultThemeID: id}, nil
}

// DefaultTheme returns the application's default theme id, or "".
func (s *Server) DefaultTheme() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.defaultTheme
}
