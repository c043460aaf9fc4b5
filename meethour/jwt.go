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
	MeetingID string         `json:"meeting_id"`
	ContactID *int64         `json:"contact_id,omitempty"`
	Config    map[string]any `json:"config,omitempty"`
	UIConfig  map[string]any `json:"ui_config,omitempty"`
}

// WithContactID fetches the token of a host or attendee, identified by their
// Meet Hour contact id, instead of the organizer's (the account owner, who
// moderates).
func WithContactID(id int64) JWTOption {
	return func(b *jwtBody) { b.ContactID = &id }
}

// WithConfig sets the meeting config carried by the token, such as
// {"startAudioMuted": ..., "requireDisplayName": true}.
func WithConfig(config map[string]any) JWTOption {
	return func(b *jwtBody) { b.Config = config }
}

// WithUIConfig sets the interface config carried by the token, such as
// {"disablePrejoinHeader": true}.
func WithUIConfig(uiConfig map[string]any) JWTOption {
	return func(b *jwtBody) { b.UIConfig = uiConfig }
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
