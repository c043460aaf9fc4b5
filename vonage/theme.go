package vonage

import (
	"context"
	"net/http"
	"net/url"
)

// Domain is the Vonage product a theme belongs to.
type Domain string

// The theme domains.
const (
	DomainVCP Domain = "VCP"
	DomainVBC Domain = "VBC"
)

// Theme is a room's look: colour, brand text and logos.
type Theme struct {
	// ThemeID is the theme's UUID.
	ThemeID string `json:"theme_id"`
	// ThemeName, MainColor, BrandText and ShortCompanyURL are as created
	// or updated.
	ThemeName       string `json:"theme_name,omitempty"`
	MainColor       string `json:"main_color"`
	BrandText       string `json:"brand_text"`
	ShortCompanyURL string `json:"short_company_url,omitempty"`
	// Domain, AccountID and ApplicationID say whose theme it is.
	Domain        Domain `json:"domain,omitempty"`
	AccountID     string `json:"account_id,omitempty"`
	ApplicationID string `json:"application_id,omitempty"`
	// The logos' keys and URLs, once uploaded and finalized.
	BrandImageColored    string `json:"brand_image_colored,omitempty"`
	BrandImageWhite      string `json:"brand_image_white,omitempty"`
	BrandedFavicon       string `json:"branded_favicon,omitempty"`
	BrandImageColoredURL string `json:"brand_image_colored_url,omitempty"`
	BrandImageWhiteURL   string `json:"brand_image_white_url,omitempty"`
	BrandedFaviconURL    string `json:"branded_favicon_url,omitempty"`
}

// CreateThemeRequest is a new theme.
type CreateThemeRequest struct {
	// MainColor is required, #rgb or #rrggbb.
	MainColor string `json:"main_color"`
	// BrandText is required, at most 200 characters.
	BrandText string `json:"brand_text"`
	// ThemeName is at most 200 characters, unique in the application.
	ThemeName string `json:"theme_name,omitempty"`
	// ShortCompanyURL is at most 128 characters, unique across Vonage.
	ShortCompanyURL string `json:"short_company_url,omitempty"`
}

// ThemeUpdate changes a theme; empty fields are left as they are. At
// least one must be set.
type ThemeUpdate struct {
	// ThemeName is at most 200 characters, unique in the application.
	ThemeName string `json:"theme_name,omitempty"`
	// MainColor is #rgb or #rrggbb.
	MainColor string `json:"main_color,omitempty"`
	// BrandText is at most 200 characters.
	BrandText string `json:"brand_text,omitempty"`
	// ShortCompanyURL is at most 128 characters, unique across Vonage.
	ShortCompanyURL string `json:"short_company_url,omitempty"`
}

// CreateTheme creates a theme (POST /themes) after checking r. A duplicate
// name or URL is an APIError with status 409.
func (c *Client) CreateTheme(ctx context.Context, r CreateThemeRequest) (Theme, error) {
	const op = "create theme"
	if err := checkColor(op, "main_color", r.MainColor); err != nil {
		return Theme{}, err
	}
	if err := checkThemeText(op, r.BrandText, true, r.ThemeName, r.ShortCompanyURL); err != nil {
		return Theme{}, err
	}
	var t Theme
	err := c.do(ctx, call{op: op, method: http.MethodPost, path: "/themes", in: r, out: &t})
	return t, err
}

// Theme returns a theme by its id (GET /themes/{id}).
func (c *Client) Theme(ctx context.Context, id string) (Theme, error) {
	const op = "get theme"
	p, err := pathID(op, "theme_id", id)
	if err != nil {
		return Theme{}, err
	}
	var t Theme
	err = c.do(ctx, call{op: op, method: http.MethodGet, path: "/themes" + p, out: &t})
	return t, err
}

// Themes returns the application's themes (GET /themes).
func (c *Client) Themes(ctx context.Context) ([]Theme, error) {
	var ts []Theme
	err := c.do(ctx, call{op: "list themes", method: http.MethodGet, path: "/themes", out: &ts})
	return ts, err
}

// UpdateTheme changes a theme (PATCH /themes/{id}, wrapped in
// update_details).
func (c *Client) UpdateTheme(ctx context.Context, id string, u ThemeUpdate) (Theme, error) {
	const op = "update theme"
	p, err := pathID(op, "theme_id", id)
	if err != nil {
		return Theme{}, err
	}
	if u == (ThemeUpdate{}) {
		return Theme{}, &ValidationError{Op: op, Field: "update_details", Reason: "changes nothing"}
	}
	if u.MainColor != "" {
		if err := checkColor(op, "main_color", u.MainColor); err != nil {
			return Theme{}, err
		}
	}
	if err := checkThemeText(op, u.BrandText, false, u.ThemeName, u.ShortCompanyURL); err != nil {
		return Theme{}, err
	}
	var t Theme
	err = c.do(ctx, call{op: op, method: http.MethodPatch, path: "/themes" + p, in: updateBody[ThemeUpdate]{u}, out: &t})
	return t, err
}

// DeleteTheme deletes a theme (DELETE /themes/{id}). A theme that rooms
// use is refused (an APIError with status 400) unless force is set.
func (c *Client) DeleteTheme(ctx context.Context, id string, force bool) error {
	const op = "delete theme"
	p, err := pathID(op, "theme_id", id)
	if err != nil {
		return err
	}
	var q url.Values
	if force {
		q = url.Values{"force": {"true"}}
	}
	return c.do(ctx, call{op: op, method: http.MethodDelete, path: "/themes" + p, query: q})
}

// SetDefaultTheme makes a theme the application's default
// (PATCH /applications).
func (c *Client) SetDefaultTheme(ctx context.Context, themeID string) (Application, error) {
	const op = "set default theme"
	if err := checkUUID(op, "default_theme_id", themeID); err != nil {
		return Application{}, err
	}
	var a Application
	err := c.do(ctx, call{op: op, method: http.MethodPatch, path: "/applications",
		in: updateBody[applicationUpdate]{applicationUpdate{DefaultThemeID: themeID}}, out: &a})
	return a, err
}

// Application is the application's Meetings settings.
type Application struct {
	// ApplicationID, AccountID and DefaultThemeID are as Vonage reports
	// them.
	ApplicationID  string `json:"application_id"`
	AccountID      string `json:"account_id"`
	DefaultThemeID string `json:"default_theme_id"`
}

// applicationUpdate is the body of PATCH /applications.
type applicationUpdate struct {
	DefaultThemeID string `json:"default_theme_id"`
}

// checkThemeText checks a theme's text fields.
func checkThemeText(op, brandText string, brandRequired bool, themeName, shortURL string) error {
	if err := checkText(op, "brand_text", brandText, maxBrandText, brandRequired); err != nil {
		return err
	}
	if err := checkText(op, "theme_name", themeName, maxThemeName, false); err != nil {
		return err
	}
	return checkText(op, "short_company_url", shortURL, maxShortCompanyURL, false)
}
