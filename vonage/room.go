package vonage

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// RoomType is how long a room lives.
type RoomType string

// The room types.
const (
	// RoomInstant rooms are for a meeting now; the default.
	RoomInstant RoomType = "instant"
	// RoomLongTerm rooms live until their ExpiresAt.
	RoomLongTerm RoomType = "long_term"
)

// JoinApprovalLevel says who must let participants in.
type JoinApprovalLevel string

// The approval levels.
const (
	ApprovalNone           JoinApprovalLevel = "none"
	ApprovalAfterOwnerOnly JoinApprovalLevel = "after_owner_only"
	ApprovalExplicit       JoinApprovalLevel = "explicit_approval"
)

// MicrophoneState is the microphone of participants as they join.
type MicrophoneState string

// The microphone states.
const (
	MicrophoneOn      MicrophoneState = "on"
	MicrophoneOff     MicrophoneState = "off"
	MicrophoneDefault MicrophoneState = "default"
)

// Language is the room's user interface language.
type Language string

// The languages.
const (
	LanguageDefault    Language = "default"
	LanguageEnglish    Language = "en"
	LanguageHebrew     Language = "he"
	LanguageSpanish    Language = "es"
	LanguagePortuguese Language = "pt"
	LanguageItalian    Language = "it"
)

// RecordingOptions are a room's recording settings; nil fields are left
// to Vonage.
type RecordingOptions struct {
	// AutoRecord starts recording when the session starts.
	AutoRecord *bool `json:"auto_record,omitempty"`
	// RecordOnlyOwner lets only the owner record.
	RecordOnlyOwner *bool `json:"record_only_owner,omitempty"`
}

// InitialJoinOptions are the participants' settings as they join.
type InitialJoinOptions struct {
	// MicrophoneState is the microphone's state.
	MicrophoneState MicrophoneState `json:"microphone_state,omitempty"`
}

// CallbackURLs are where Vonage posts a room's callbacks; see
// CallbackHandler.
type CallbackURLs struct {
	// RoomsCallbackURL receives room:expired.
	RoomsCallbackURL string `json:"rooms_callback_url,omitempty"`
	// SessionsCallbackURL receives session and participant events.
	SessionsCallbackURL string `json:"sessions_callback_url,omitempty"`
	// RecordingsCallbackURL receives recording events.
	RecordingsCallbackURL string `json:"recordings_callback_url,omitempty"`
}

// minSecretPart is the shortest part of a callback URL treated as a
// secret on its own: shorter ones (page=1) would garble messages.
const minSecretPart = 8

// secrets returns what of the callback URLs must not reach an error or a
// log: each URL, its path and its query, and each query value. They hold
// the receiver's token (see CallbackHandler).
func (cb *CallbackURLs) secrets() []string {
	if cb == nil {
		return nil
	}
	var out []string
	for _, raw := range []string{cb.RoomsCallbackURL, cb.SessionsCallbackURL, cb.RecordingsCallbackURL} {
		u, err := url.Parse(raw)
		if raw == "" || err != nil {
			continue
		}
		out = append(out, raw)
		parts := []string{u.EscapedPath(), u.Path, u.RawQuery}
		for _, vs := range u.Query() {
			parts = append(parts, vs...)
		}
		for _, p := range parts {
			if len(p) >= minSecretPart {
				out = append(out, p)
			}
		}
	}
	return out
}

// AvailableFeatures switch the room's features; nil fields are left to
// Vonage (which enables them).
type AvailableFeatures struct {
	// The fields switch the features their JSON names say.
	IsRecordingAvailable      *bool `json:"is_recording_available,omitempty"`
	IsChatAvailable           *bool `json:"is_chat_available,omitempty"`
	IsWhiteboardAvailable     *bool `json:"is_whiteboard_available,omitempty"`
	IsLocaleSwitcherAvailable *bool `json:"is_locale_switcher_available,omitempty"`
	IsCaptionsAvailable       *bool `json:"is_captions_available,omitempty"`
}

// UISettings are the room's user interface settings.
type UISettings struct {
	// Language is the interface's language.
	Language Language `json:"language,omitempty"`
}

// Link is a HAL link.
type Link struct {
	// Href is the link's URL.
	Href string `json:"href"`
}

// RoomLinks are a room's URLs.
type RoomLinks struct {
	// GuestURL lets anyone join as a guest.
	GuestURL Link `json:"guest_url"`
	// HostURL gives its holder the owner's rights: serve it only to the
	// room's owner.
	HostURL Link `json:"host_url"`
}

// Room is a meeting room as Vonage describes it.
type Room struct {
	// ID is the room's UUID.
	ID string `json:"id"`
	// DisplayName, Metadata, Type, ExpiresAt, ExpireAfterUse, ThemeID
	// and the option groups are as created or updated.
	DisplayName        string             `json:"display_name"`
	Metadata           string             `json:"metadata,omitempty"`
	Type               RoomType           `json:"type"`
	ExpiresAt          time.Time          `json:"expires_at,omitzero"`
	ExpireAfterUse     bool               `json:"expire_after_use"`
	ThemeID            string             `json:"theme_id,omitempty"`
	JoinApprovalLevel  JoinApprovalLevel  `json:"join_approval_level,omitempty"`
	RecordingOptions   RecordingOptions   `json:"recording_options"`
	InitialJoinOptions InitialJoinOptions `json:"initial_join_options"`
	CallbackURLs       CallbackURLs       `json:"callback_urls"`
	AvailableFeatures  AvailableFeatures  `json:"available_features"`
	UISettings         UISettings         `json:"ui_settings"`
	// MeetingCode is the code guests can dial in with.
	MeetingCode string `json:"meeting_code"`
	// IsAvailable says whether the room can be joined.
	IsAvailable bool `json:"is_available"`
	// CreatedAt is when the room was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// Links holds the guest and host URLs.
	Links RoomLinks `json:"_links"`
}

// GuestURL is the URL guests join at.
func (r Room) GuestURL() string { return r.Links.GuestURL.Href }

// HostURL is the URL that gives the owner's rights.
func (r Room) HostURL() string { return r.Links.HostURL.Href }

// LogValue logs the room without its host URL.
func (r Room) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", r.ID), slog.String("display_name", r.DisplayName),
		slog.String("type", string(r.Type)), slog.String("guest_url", r.GuestURL()))
}

// CreateRoomRequest is every writable field of a new room.
type CreateRoomRequest struct {
	// DisplayName is required, at most 200 characters.
	DisplayName string `json:"display_name"`
	// Metadata is free text of at most 500 characters, sent back in a
	// header of the room's callbacks.
	Metadata string `json:"metadata,omitempty"`
	// Type is RoomInstant (the default when empty) or RoomLongTerm.
	Type RoomType `json:"type,omitempty"`
	// ExpiresAt is required for a long-term room and must be more than
	// 10 minutes ahead.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// ExpireAfterUse closes a long-term room when its session ends.
	ExpireAfterUse *bool `json:"expire_after_use,omitempty"`
	// ThemeID is the UUID of the room's theme; the application's default
	// when empty.
	ThemeID string `json:"theme_id,omitempty"`
	// JoinApprovalLevel says who must let participants in.
	JoinApprovalLevel JoinApprovalLevel `json:"join_approval_level,omitempty"`
	// The option groups; nil leaves them to Vonage.
	RecordingOptions   *RecordingOptions   `json:"recording_options,omitempty"`
	InitialJoinOptions *InitialJoinOptions `json:"initial_join_options,omitempty"`
	CallbackURLs       *CallbackURLs       `json:"callback_urls,omitempty"`
	AvailableFeatures  *AvailableFeatures  `json:"available_features,omitempty"`
	UISettings         *UISettings         `json:"ui_settings,omitempty"`
}

// RoomUpdate is what an update may change: only long-term rooms can be
// updated. Empty fields are left as they are.
type RoomUpdate struct {
	// ExpiresAt, if set, must be more than 10 minutes ahead.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// ExpireAfterUse closes the room when its session ends.
	ExpireAfterUse *bool `json:"expire_after_use,omitempty"`
	// ThemeID is the UUID of the room's new theme.
	ThemeID string `json:"theme_id,omitempty"`
	// JoinApprovalLevel says who must let participants in.
	JoinApprovalLevel JoinApprovalLevel `json:"join_approval_level,omitempty"`
	// The option groups; nil leaves them as they are.
	InitialJoinOptions *InitialJoinOptions `json:"initial_join_options,omitempty"`
	CallbackURLs       *CallbackURLs       `json:"callback_urls,omitempty"`
	AvailableFeatures  *AvailableFeatures  `json:"available_features,omitempty"`
}

// updateBody wraps an update as the API wants it.
type updateBody[T any] struct {
	UpdateDetails T `json:"update_details"`
}

// CreateRoom creates a room (POST /rooms) after checking r.
func (c *Client) CreateRoom(ctx context.Context, r CreateRoomRequest) (Room, error) {
	const op = "create room"
	if err := r.validate(op, c.now()); err != nil {
		return Room{}, err
	}
	if !r.ExpiresAt.IsZero() {
		r.ExpiresAt = r.ExpiresAt.UTC().Truncate(time.Millisecond)
	}
	var room Room
	err := c.do(ctx, call{op: op, method: http.MethodPost, path: "/rooms", in: r, out: &room, secrets: r.CallbackURLs.secrets()})
	return room, err
}

// Room returns a room by its id (GET /rooms/{id}); errors.Is(err,
// ErrNotFound) when there is none.
func (c *Client) Room(ctx context.Context, id string) (Room, error) {
	const op = "get room"
	p, err := pathID(op, "room_id", id)
	if err != nil {
		return Room{}, err
	}
	var room Room
	err = c.do(ctx, call{op: op, method: http.MethodGet, path: "/rooms" + p, out: &room})
	return room, err
}

// UpdateRoom changes a long-term room (PATCH /rooms/{id}, wrapped in
// update_details).
func (c *Client) UpdateRoom(ctx context.Context, id string, u RoomUpdate) (Room, error) {
	const op = "update room"
	p, err := pathID(op, "room_id", id)
	if err != nil {
		return Room{}, err
	}
	if err := u.validate(op, c.now()); err != nil {
		return Room{}, err
	}
	if !u.ExpiresAt.IsZero() {
		u.ExpiresAt = u.ExpiresAt.UTC().Truncate(time.Millisecond)
	}
	var room Room
	err = c.do(ctx, call{op: op, method: http.MethodPatch, path: "/rooms" + p, in: updateBody[RoomUpdate]{u}, out: &room,
		secrets: u.CallbackURLs.secrets()})
	return room, err
}

// validate checks a new room.
func (r CreateRoomRequest) validate(op string, now time.Time) error {
	if err := checkText(op, "display_name", r.DisplayName, maxDisplayName, true); err != nil {
		return err
	}
	if err := checkText(op, "metadata", r.Metadata, maxMetadata, false); err != nil {
		return err
	}
	switch r.Type {
	case "", RoomInstant:
	case RoomLongTerm:
		if r.ExpiresAt.IsZero() {
			return &ValidationError{Op: op, Field: "expires_at", Reason: "is required for a long_term room"}
		}
	default:
		return enumError(op, "type", r.Type, RoomInstant, RoomLongTerm)
	}
	if !r.ExpiresAt.IsZero() {
		if err := checkExpiry(op, r.ExpiresAt, now); err != nil {
			return err
		}
	}
	return checkRoomOptions(op, roomOptions{
		themeID: r.ThemeID, approval: r.JoinApprovalLevel, join: r.InitialJoinOptions,
		callbacks: r.CallbackURLs, ui: r.UISettings,
	})
}

// validate checks a room update.
func (u RoomUpdate) validate(op string, now time.Time) error {
	if !u.ExpiresAt.IsZero() {
		if err := checkExpiry(op, u.ExpiresAt, now); err != nil {
			return err
		}
	}
	return checkRoomOptions(op, roomOptions{
		themeID: u.ThemeID, approval: u.JoinApprovalLevel, join: u.InitialJoinOptions, callbacks: u.CallbackURLs,
	})
}

// roomOptions are the fields creation and update share.
type roomOptions struct {
	themeID   string
	approval  JoinApprovalLevel
	join      *InitialJoinOptions
	callbacks *CallbackURLs
	ui        *UISettings
}

// checkRoomOptions checks the shared fields.
func checkRoomOptions(op string, o roomOptions) error {
	if o.themeID != "" {
		if err := checkUUID(op, "theme_id", o.themeID); err != nil {
			return err
		}
	}
	switch o.approval {
	case "", ApprovalNone, ApprovalAfterOwnerOnly, ApprovalExplicit:
	default:
		return enumError(op, "join_approval_level", o.approval, ApprovalNone, ApprovalAfterOwnerOnly, ApprovalExplicit)
	}
	if o.join != nil {
		switch o.join.MicrophoneState {
		case "", MicrophoneOn, MicrophoneOff, MicrophoneDefault:
		default:
			return enumError(op, "initial_join_options.microphone_state", o.join.MicrophoneState, MicrophoneOn, MicrophoneOff, MicrophoneDefault)
		}
	}
	if o.callbacks != nil {
		for _, f := range []struct{ name, v string }{
			{"callback_urls.rooms_callback_url", o.callbacks.RoomsCallbackURL},
			{"callback_urls.sessions_callback_url", o.callbacks.SessionsCallbackURL},
			{"callback_urls.recordings_callback_url", o.callbacks.RecordingsCallbackURL},
		} {
			if err := checkCallbackURL(op, f.name, f.v); err != nil {
				return err
			}
		}
	}
	if o.ui != nil {
		switch o.ui.Language {
		case "", LanguageDefault, LanguageEnglish, LanguageHebrew, LanguageSpanish, LanguagePortuguese, LanguageItalian:
		default:
			return enumError(op, "ui_settings.language", o.ui.Language,
				LanguageDefault, LanguageEnglish, LanguageHebrew, LanguageSpanish, LanguagePortuguese, LanguageItalian)
		}
	}
	return nil
}

// String describes the room without its host URL.
func (r Room) String() string {
	return fmt.Sprintf("vonage.Room{ID:%s DisplayName:%q Type:%s GuestURL:%s}", r.ID, r.DisplayName, r.Type, r.GuestURL())
}

// GoString is String, so that %#v hides the host URL too.
func (r Room) GoString() string { return r.String() }
