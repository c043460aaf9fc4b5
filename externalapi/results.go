package externalapi

import "encoding/json"

// Screenshot is the result of CaptureLargeVideoScreenshot.
type Screenshot struct {
	// DataURL is the image as a data URL.
	DataURL string `json:"dataURL"`
	// Error is set when the meeting could not take the screenshot.
	Error string `json:"error,omitempty"`
}

// ContentSharing is the result of ContentSharingParticipants.
type ContentSharing struct {
	SharingParticipantIDs []ParticipantID `json:"sharingParticipantIds"`
}

// AvatarBackgrounds is the result of CustomAvatarBackgrounds.
type AvatarBackgrounds struct {
	AvatarBackgrounds []string `json:"avatarBackgrounds"`
}

// Livestream is the result of LivestreamURL.
type Livestream struct {
	// URL is empty when nothing is streamed.
	URL string `json:"livestreamUrl,omitempty"`
}

// RoomsInfo is the result of RoomsInfo.
type RoomsInfo struct {
	Rooms []RoomInfo `json:"rooms"`
}

// RoomInfo is one room of RoomsInfo.
type RoomInfo struct {
	IsMainRoom   bool              `json:"isMainRoom"`
	ID           RoomID            `json:"id"`
	JID          string            `json:"jid"`
	Participants []RoomParticipant `json:"participants"`
}

// RoomParticipant is one participant of a RoomInfo.
type RoomParticipant struct {
	ID          ParticipantID   `json:"id"`
	JID         string          `json:"jid,omitempty"`
	Role        Role            `json:"role"`
	DisplayName string          `json:"displayName"`
	AvatarURL   string          `json:"avatarUrl,omitempty"`
	UserContext json.RawMessage `json:"userContext,omitempty"`
}

// ParticipantInfo is one participant as the parent-side cache knows it.
type ParticipantInfo struct {
	ParticipantID        ParticipantID `json:"participantId"`
	DisplayName          string        `json:"displayName"`
	FormattedDisplayName string        `json:"formattedDisplayName"`
	AvatarURL            string        `json:"avatarURL,omitempty"`
	Email                string        `json:"email,omitempty"`
}

// InviteResult is what invite resolves to: it never rejects on failure but
// sets Error.
type InviteResult struct {
	Error  json.RawMessage `json:"error,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
}

// Invitee is someone to invite by phone or SIP, in invitees and Invite.
type Invitee struct {
	// Type is "phone", "sip" or "user".
	Type    string `json:"type"`
	Number  string `json:"number,omitempty"`
	Address string `json:"address,omitempty"`
	ID      string `json:"id,omitempty"`
}
