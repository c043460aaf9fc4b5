package meethour

import (
	"context"
	"fmt"
)

const opGetJWT = "getjwt"

// JWTOption adjusts a GetJWT request.
type JWTOption func(*jwtBody)

// jwtBody is the getjwt request body.
type jwtBody struct {
	MeetingID string     `json:"meeting_id"`
	ContactID *int64     `json:"contact_id,omitempty"`
	Config    *JWTConfig `json:"config,omitempty"`
	UIConfig  *UIConfig  `json:"ui_config,omitempty"`
}

// JWTConfig is the meeting config a join token carries (getjwt's config;
// the keys of meet-hour-react-web-sdk's GenerateJwtType). Nil and empty
// fields are left out.
type JWTConfig struct {
	DisableDeepLinking    *bool  `json:"disableDeepLinking,omitempty"`
	DropboxAppKey         string `json:"dropboxappKey,omitempty"`
	DropboxRedirectURI    string `json:"dropboxredirectURI,omitempty"`
	EnableClosePage       *bool  `json:"enableClosePage,omitempty"`
	EnableWelcomePage     *bool  `json:"enableWelcomePage,omitempty"`
	FileRecordingsEnabled *bool  `json:"fileRecordingsEnabled,omitempty"`
	LiveStreamingEnabled  *bool  `json:"liveStreamingEnabled,omitempty"`
	P2PEnabled            *bool  `json:"p2penabled,omitempty"`
	RequireDisplayName    *bool  `json:"requireDisplayName,omitempty"`
	// Resolution is the video height, such as 720.
	Resolution *int `json:"resolution,omitempty"`
	// StartAudioMuted mutes everyone after this many participants.
	StartAudioMuted  *int `json:"startAudioMuted,omitempty"`
	VideoHeightIdeal *int `json:"videoheightideal,omitempty"`
	VideoHeightMax   *int `json:"videoheightmax,omitempty"`
	VideoHeightMin   *int `json:"videoheightmin,omitempty"`
	VideoWidthIdeal  *int `json:"videowidthideal,omitempty"`
	VideoWidthMax    *int `json:"videowidthmax,omitempty"`
	VideoWidthMin    *int `json:"videowidthmin,omitempty"`
}

// UIConfig is the interface config a join token carries (getjwt's
// ui_config). Nil and empty fields are left out.
type UIConfig struct {
	AndroidAppPackage         string   `json:"ANDROID_APP_PACKAGE,omitempty"`
	AppName                   string   `json:"APP_NAME,omitempty"`
	AppScheme                 string   `json:"APP_SCHEME,omitempty"`
	BrandWatermarkBackground  string   `json:"BRAND_WATERMARK_BACKGROUND,omitempty"`
	DefaultLogoURL            string   `json:"DEFAULT_LOGO_URL,omitempty"`
	EnableMobileBrowser       *bool    `json:"ENABLE_MOBILE_BROWSER,omitempty"`
	HideDeepLinkingLogo       *bool    `json:"HIDE_DEEP_LINKING_LOGO,omitempty"`
	MeetHourWatermarkLink     string   `json:"MEET_HOUR_WATERMARK_LINK,omitempty"`
	MobileAppPromo            *bool    `json:"MOBILE_APP_PROMO,omitempty"`
	MobileDownloadLinkAndroid string   `json:"MOBILE_DOWNLOAD_LINK_ANDROID,omitempty"`
	MobileDownloadLinkIOS     string   `json:"MOBILE_DOWNLOAD_LINK_IOS,omitempty"`
	NativeAppName             string   `json:"NATIVE_APP_NAME,omitempty"`
	ProviderName              string   `json:"PROVIDER_NAME,omitempty"`
	ShowMeetHourWatermark     *bool    `json:"SHOW_MEET_HOUR_WATERMARK,omitempty"`
	DisablePrejoinFooter      *bool    `json:"disablePrejoinFooter,omitempty"`
	DisablePrejoinHeader      *bool    `json:"disablePrejoinHeader,omitempty"`
	ToolbarButtons            []string `json:"toolbar_buttons,omitempty"`
}

// Bool returns a pointer to b, for the optional fields of JWTConfig and
// UIConfig.
func Bool(b bool) *bool { return &b }

// Int returns a pointer to n, for the optional fields of JWTConfig.
func Int(n int) *int { return &n }

// WithContactID fetches the token of a host or attendee, identified by their
// Meet Hour contact id, instead of the organizer's (the account owner, who
// moderates).
func WithContactID(id int64) JWTOption {
	return func(b *jwtBody) { b.ContactID = &id }
}

// WithConfig sets the meeting config the token carries.
func WithConfig(config JWTConfig) JWTOption {
	return func(b *jwtBody) { b.Config = &config }
}

// WithUIConfig sets the interface config the token carries.
func WithUIConfig(uiConfig UIConfig) JWTOption {
	return func(b *jwtBody) { b.UIConfig = &uiConfig }
}

// GetJWT fetches the join token of a meeting, the organizer's unless
// WithContactID names someone else. Meet Hour mints it; keep it short-lived
// and out of logs.
func (c *Client) GetJWT(ctx context.Context, meetingID string, opts ...JWTOption) (string, error) {
	if meetingID == "" {
		return "", fmt.Errorf("meethour: %s: meeting id is required", opGetJWT)
	}
	b := jwtBody{MeetingID: meetingID}
	for _, o := range opts {
		o(&b)
	}
	if b.ContactID != nil && *b.ContactID <= 0 {
		return "", fmt.Errorf("meethour: %s: contact id must be positive", opGetJWT)
	}
	var resp struct {
		Success *bool  `json:"success"`
		JWT     string `json:"jwt"`
	}
	if err := c.call(ctx, opGetJWT, "/api/v1.2/getjwt", b, &resp); err != nil {
		return "", err
	}
	if resp.Success == nil || !*resp.Success || resp.JWT == "" {
		return "", fmt.Errorf("meethour: %s: %w: want success true and a jwt", opGetJWT, ErrMalformedResponse)
	}
	return resp.JWT, nil
}
