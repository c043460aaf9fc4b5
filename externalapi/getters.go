package externalapi

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue"
)

// ParticipantsInfo lists the participants of the main room as the parent-side
// cache knows them from events.
func (a *API) ParticipantsInfo() ([]ParticipantInfo, error) {
	return call[[]ParticipantInfo](a, "getParticipantsInfo", readSliceParticipantInfo)
}

// NumberOfParticipants counts the participants, the local one included, across
// all rooms.
func (a *API) NumberOfParticipants() (int, error) {
	return call[int](a, "getNumberOfParticipants", jsonvalue.Int[int])
}

// VideoQuality returns the last reported video quality; ok is false before
// any was reported.
func (a *API) VideoQuality() (quality FrameHeight, ok bool, err error) {
	q, err := call[*FrameHeight](a, "getVideoQuality", readPtrFrameHeight)
	if err != nil || q == nil {
		return 0, false, err
	}
	return *q, true, nil
}

// SupportedCommands lists the executeCommand names the loaded library knows.
func (a *API) SupportedCommands() ([]string, error) {
	return call[[]string](a, "getSupportedCommands", readSliceString)
}

// SupportedEvents lists the event names the loaded library emits.
func (a *API) SupportedEvents() ([]string, error) {
	return call[[]string](a, "getSupportedEvents", readSliceString)
}

// IsVisitor tells whether the local participant joined as a visitor.
func (a *API) IsVisitor() (bool, error) {
	v, err := call[*bool](a, "isVisitor", readPtrBool)
	return v != nil && *v, err
}

// DisplayName returns a participant's display name from the cache.
func (a *API) DisplayName(id ParticipantID) (string, error) {
	return a.cachedString("getDisplayName", id)
}

// Email returns a participant's email from the cache.
func (a *API) Email(id ParticipantID) (string, error) {
	return a.cachedString("getEmail", id)
}

// AvatarURL returns a participant's avatar URL from the cache.
func (a *API) AvatarURL(id ParticipantID) (string, error) {
	return a.cachedString("getAvatarURL", id)
}

// cachedString calls a per-participant getter whose result is a string or
// undefined.
func (a *API) cachedString(method string, id ParticipantID) (string, error) {
	if id == "" {
		return "", &ArgumentError{Command: method, Param: "id", Err: errRequired}
	}
	s, err := call[*string](a, method, readPtrString, id)
	if err != nil || s == nil {
		return "", err
	}
	return *s, nil
}

// UpdateNumberOfParticipants makes the parent-side cache recount the
// participants of rooms. The library does this itself on
// BreakoutRoomsUpdated.
func (a *API) UpdateNumberOfParticipants(rooms BreakoutRooms) error {
	_, err := call[json.RawMessage](a, "updateNumberOfParticipants", jsonvalue.Raw[json.RawMessage], rooms)
	return err
}

// CaptureCameraPicture opens the camera dialog and returns the picture as a
// data URL. Only mobile browsers answer; on a desktop the meeting never
// replies, so bound ctx.
func (a *API) CaptureCameraPicture(ctx context.Context, facingMode FacingMode, description, title string) (string, error) {
	if facingMode != "" {
		if err := facingMode.Validate(); err != nil {
			return "", &ArgumentError{Command: "captureCameraPicture", Param: "facingMode", Err: err}
		}
	}
	return request[string](ctx, a, "captureCameraPicture", jsonvalue.String[string], facingMode, description, title)
}

// IsModerationOn tells whether moderation of the media type (empty means
// audio) is on.
func (a *API) IsModerationOn(ctx context.Context, mediaType MediaType) (bool, error) {
	if mediaType == "" {
		return request[bool](ctx, a, "isModerationOn", jsonvalue.Bool[bool])
	}
	if err := mediaType.Validate(); err != nil {
		return false, &ArgumentError{Command: "isModerationOn", Param: "mediaType", Err: err}
	}
	return request[bool](ctx, a, "isModerationOn", jsonvalue.Bool[bool], mediaType)
}

// IsParticipantForceMuted tells whether a participant is muted by moderation
// of the media type (empty means audio).
func (a *API) IsParticipantForceMuted(ctx context.Context, id ParticipantID, mediaType MediaType) (bool, error) {
	if id == "" {
		return false, &ArgumentError{Command: "isParticipantForceMuted", Param: "id", Err: errRequired}
	}
	if mediaType == "" {
		return request[bool](ctx, a, "isParticipantForceMuted", jsonvalue.Bool[bool], id)
	}
	if err := mediaType.Validate(); err != nil {
		return false, &ArgumentError{Command: "isParticipantForceMuted", Param: "mediaType", Err: err}
	}
	return request[bool](ctx, a, "isParticipantForceMuted", jsonvalue.Bool[bool], id, mediaType)
}

// IsP2PActive tells whether the call runs peer to peer; known is false before
// the conference is joined.
func (a *API) IsP2PActive(ctx context.Context) (active, known bool, err error) {
	v, err := request[*bool](ctx, a, "isP2pActive", readPtrBool)
	if err != nil || v == nil {
		return false, false, err
	}
	return *v, true, nil
}

// Invite invites people by phone or SIP. The meeting reports a failure in the
// result's Error rather than as an error.
func (a *API) Invite(ctx context.Context, invitees ...Invitee) (InviteResult, error) {
	if len(invitees) == 0 {
		return InviteResult{}, &ArgumentError{Command: "invite", Param: "invitees", Err: errors.New("no invitees")}
	}
	return request[InviteResult](ctx, a, "invite", readInviteResult, invitees)
}

// SendProxyConnectionEvent sends a proxy (Spot) connection event to the
// meeting.
func (a *API) SendProxyConnectionEvent(event any) error {
	_, err := call[json.RawMessage](a, "sendProxyConnectionEvent", jsonvalue.Raw[json.RawMessage], event)
	return err
}

// SendExternalShareSignal sends a direct-cast signal (SDP or ICE) to the
// meeting.
func (a *API) SendExternalShareSignal(signal any) error {
	_, err := call[json.RawMessage](a, "sendExternalShareSignal", jsonvalue.Raw[json.RawMessage], signal)
	return err
}
