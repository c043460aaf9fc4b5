package vonage_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

func TestCreateRoomSendsEveryWritableField(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t, vonagetest.Config{})
	th, err := c.CreateTheme(ctx, vonage.CreateThemeRequest{MainColor: "#12AB34", BrandText: "Acme"})
	require.NoError(t, err)
	expires := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Millisecond)
	req := vonage.CreateRoomRequest{
		DisplayName:        "Weekly sync",
		Metadata:           "team=core",
		Type:               vonage.RoomLongTerm,
		ExpiresAt:          expires,
		ExpireAfterUse:     new(true),
		ThemeID:            th.ThemeID,
		JoinApprovalLevel:  vonage.ApprovalExplicit,
		RecordingOptions:   &vonage.RecordingOptions{AutoRecord: new(true), RecordOnlyOwner: new(true)},
		InitialJoinOptions: &vonage.InitialJoinOptions{MicrophoneState: vonage.MicrophoneOff},
		CallbackURLs: &vonage.CallbackURLs{
			RoomsCallbackURL: "https://example.com/r", SessionsCallbackURL: "https://example.com/s", RecordingsCallbackURL: "https://example.com/rec",
		},
		AvailableFeatures: &vonage.AvailableFeatures{
			IsRecordingAvailable: new(false), IsChatAvailable: new(false), IsWhiteboardAvailable: new(false),
			IsLocaleSwitcherAvailable: new(true), IsCaptionsAvailable: new(true),
		},
		UISettings: &vonage.UISettings{Language: vonage.LanguageHebrew},
	}
	room, err := c.CreateRoom(ctx, req)
	require.NoError(t, err)

	// What the fake stored is what was sent: read back through GET.
	got, err := c.Room(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, "Weekly sync", got.DisplayName)
	assert.Equal(t, "team=core", got.Metadata)
	assert.Equal(t, vonage.RoomLongTerm, got.Type)
	assert.True(t, got.ExpiresAt.Equal(expires), "expires_at %s, want %s", got.ExpiresAt, expires)
	assert.True(t, got.ExpireAfterUse)
	assert.Equal(t, th.ThemeID, got.ThemeID)
	assert.Equal(t, vonage.ApprovalExplicit, got.JoinApprovalLevel)
	assert.Equal(t, vonage.RecordingOptions{AutoRecord: new(true), RecordOnlyOwner: new(true)}, got.RecordingOptions)
	assert.Equal(t, vonage.MicrophoneOff, got.InitialJoinOptions.MicrophoneState)
	assert.Equal(t, *req.CallbackURLs, got.CallbackURLs)
	assert.Equal(t, *req.AvailableFeatures, got.AvailableFeatures)
	assert.Equal(t, vonage.LanguageHebrew, got.UISettings.Language)
	assert.True(t, got.IsAvailable)
	assert.NotEmpty(t, got.MeetingCode)
	assert.Equal(t, vonagetest.MeetingsHost+"/"+got.MeetingCode, got.GuestURL())
	assert.Contains(t, got.HostURL(), "participant_token=")
	page, err := c.ListRooms(ctx, vonage.ListOptions{})
	require.NoError(t, err)
	for _, form := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{got, &got, page} {
			assert.NotContains(t, fmt.Sprintf(form, v), "participant_token", "%s of %T hides the host URL", form, v)
		}
	}
}

func TestCreateInstantRoomTakesTheDefaults(t *testing.T) {
	c, _ := newClient(t, vonagetest.Config{})
	room, err := c.CreateRoom(context.Background(), vonage.CreateRoomRequest{DisplayName: "Quick chat"})
	require.NoError(t, err)
	assert.Equal(t, vonage.RoomInstant, room.Type)
	assert.True(t, room.ExpiresAt.IsZero())
	assert.Equal(t, vonage.ApprovalNone, room.JoinApprovalLevel)
	require.NotNil(t, room.AvailableFeatures.IsChatAvailable)
	assert.True(t, *room.AvailableFeatures.IsChatAvailable)
}

func TestRoomRequestsAreValidatedBeforeSending(t *testing.T) {
	c, fake := newClient(t, vonagetest.Config{})
	soon := time.Now().Add(5 * time.Minute)
	later := time.Now().Add(time.Hour)
	cases := []struct {
		name  string
		req   vonage.CreateRoomRequest
		field string
	}{
		{"no name", vonage.CreateRoomRequest{}, "display_name"},
		{"long name", vonage.CreateRoomRequest{DisplayName: strings.Repeat("é", 201)}, "display_name"},
		{"long metadata", vonage.CreateRoomRequest{DisplayName: "a", Metadata: strings.Repeat("m", 501)}, "metadata"},
		{"long term without expiry", vonage.CreateRoomRequest{DisplayName: "a", Type: vonage.RoomLongTerm}, "expires_at"},
		{"expiry too soon", vonage.CreateRoomRequest{DisplayName: "a", Type: vonage.RoomLongTerm, ExpiresAt: soon}, "expires_at"},
		{"bad type", vonage.CreateRoomRequest{DisplayName: "a", Type: "forever"}, "type"},
		{"bad approval", vonage.CreateRoomRequest{DisplayName: "a", JoinApprovalLevel: "maybe"}, "join_approval_level"},
		{"bad microphone", vonage.CreateRoomRequest{DisplayName: "a", InitialJoinOptions: &vonage.InitialJoinOptions{MicrophoneState: "loud"}}, "initial_join_options.microphone_state"},
		{"bad language", vonage.CreateRoomRequest{DisplayName: "a", UISettings: &vonage.UISettings{Language: "fr"}}, "ui_settings.language"},
		{"bad theme id", vonage.CreateRoomRequest{DisplayName: "a", ThemeID: "blue"}, "theme_id"},
		{"bad callback", vonage.CreateRoomRequest{DisplayName: "a", CallbackURLs: &vonage.CallbackURLs{RoomsCallbackURL: "/relative"}}, "callback_urls.rooms_callback_url"},
		{"control character", vonage.CreateRoomRequest{DisplayName: "a\nb", ExpiresAt: later}, "display_name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateRoom(context.Background(), tc.req)
			var ve *vonage.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.ErrorIs(t, err, vonage.ErrInvalidRequest)
			assert.Contains(t, err.Error(), tc.field)
		})
	}
	assert.Empty(t, fake.Requests(), "nothing invalid reached the API")
}

func TestUpdateRoomWrapsUpdateDetails(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t, vonagetest.Config{})
	room, err := c.CreateRoom(ctx, vonage.CreateRoomRequest{DisplayName: "Board", Type: vonage.RoomLongTerm, ExpiresAt: time.Now().Add(24 * time.Hour)})
	require.NoError(t, err)
	newExpiry := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Millisecond)
	got, err := c.UpdateRoom(ctx, room.ID, vonage.RoomUpdate{
		ExpiresAt: newExpiry, JoinApprovalLevel: vonage.ApprovalAfterOwnerOnly,
		AvailableFeatures: &vonage.AvailableFeatures{IsChatAvailable: new(false)},
	})
	require.NoError(t, err)
	assert.True(t, got.ExpiresAt.Equal(newExpiry))
	assert.Equal(t, vonage.ApprovalAfterOwnerOnly, got.JoinApprovalLevel)
	assert.False(t, *got.AvailableFeatures.IsChatAvailable)
	assert.True(t, *got.AvailableFeatures.IsWhiteboardAvailable, "fields not sent are kept")

	instant, err := c.CreateRoom(ctx, vonage.CreateRoomRequest{DisplayName: "Now"})
	require.NoError(t, err)
	_, err = c.UpdateRoom(ctx, instant.ID, vonage.RoomUpdate{JoinApprovalLevel: vonage.ApprovalNone})
	var ae *vonage.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.Status)
	assert.Equal(t, "BadRequestError", ae.Name)
	assert.Contains(t, ae.Message, "long term")

	_, err = c.UpdateRoom(ctx, room.ID, vonage.RoomUpdate{ExpiresAt: time.Now().Add(time.Minute)})
	assert.ErrorIs(t, err, vonage.ErrInvalidRequest)
	_, err = c.UpdateRoom(ctx, "", vonage.RoomUpdate{})
	assert.ErrorIs(t, err, vonage.ErrInvalidRequest)
}

func TestGetMissingRoomIsNotFound(t *testing.T) {
	c, _ := newClient(t, vonagetest.Config{})
	_, err := c.Room(context.Background(), "0b0b0b0b-0000-4000-8000-000000000000")
	require.ErrorIs(t, err, vonage.ErrNotFound)
	var ae *vonage.APIError
	require.True(t, errors.As(err, &ae))
	assert.Equal(t, "NotFoundError", ae.Name)
	assert.Equal(t, "get room", ae.Op)
}

func TestRoomLimitIsAForbiddenAPIError(t *testing.T) {
	c, _ := newClient(t, vonagetest.Config{MaxRooms: 1})
	ctx := context.Background()
	_, err := c.CreateRoom(ctx, vonage.CreateRoomRequest{DisplayName: "one"})
	require.NoError(t, err)
	_, err = c.CreateRoom(ctx, vonage.CreateRoomRequest{DisplayName: "two"})
	var ae *vonage.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 403, ae.Status)
	assert.Equal(t, "Maximum number of rooms for owner exceeded", ae.Message)
}

func TestAllRoomsFollowsNextAcrossPages(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t, vonagetest.Config{})
	var want []string
	for i := range 7 {
		r, err := c.CreateRoom(ctx, vonage.CreateRoomRequest{DisplayName: "room " + string(rune('a'+i))})
		require.NoError(t, err)
		want = append(want, r.ID)
	}
	first, err := c.ListRooms(ctx, vonage.ListOptions{PageSize: 3})
	require.NoError(t, err)
	assert.Len(t, first.Rooms, 3)
	assert.Equal(t, 7, first.TotalItems)
	require.NotNil(t, first.Links.Next)
	assert.Contains(t, first.Links.Next.Href, "start_id=4")

	before := len(fake.Requests())
	var got []string
	for r, err := range c.AllRooms(ctx, vonage.ListOptions{PageSize: 3}) {
		require.NoError(t, err)
		got = append(got, r.ID)
	}
	assert.Equal(t, want, got)
	assert.Len(t, fake.Requests()[before:], 3, "three pages of 3, 3 and 1")

	// Breaking out early stops fetching.
	before = len(fake.Requests())
	for range c.AllRooms(ctx, vonage.ListOptions{PageSize: 3}) {
		break
	}
	assert.Len(t, fake.Requests()[before:], 1)

	_, err = c.ListRooms(ctx, vonage.ListOptions{PageSize: -1})
	assert.ErrorIs(t, err, vonage.ErrInvalidRequest)
}

func TestAllRoomsYieldsTheErrorOfAFailedPage(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t, vonagetest.Config{})
	for range 3 {
		_, err := c.CreateRoom(ctx, vonage.CreateRoomRequest{DisplayName: "r"})
		require.NoError(t, err)
	}
	n, failed := 0, false
	for _, err := range c.AllRooms(ctx, vonage.ListOptions{PageSize: 2}) {
		if err != nil {
			assert.ErrorIs(t, err, vonage.ErrUnavailable)
			failed = true
			continue
		}
		n++
		fake.FailNext(1, vonagetest.InternalError) // the second page fails
	}
	assert.Equal(t, 2, n)
	assert.True(t, failed)
}

func TestAnErrorNeverQuotesTheCallbackToken(t *testing.T) {
	// An API that quotes the request back in its error, as validation
	// errors often do: the callback URLs carry the receiver's token.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]any{
			"status": 400, "name": "InputValidationError", "message": "invalid room " + string(body),
			"errors": []string{"bad " + string(body)},
		})
	}))
	defer echo.Close()
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	cfg := fake.ClientConfig()
	cfg.BaseURL, cfg.HTTPClient = echo.URL+"/v1/meetings", echo.Client()
	c, err := vonage.New(cfg)
	require.NoError(t, err)

	const token = "cb-token-0123456789abcdef"
	cb := &vonage.CallbackURLs{
		RoomsCallbackURL:    "https://meet.example.com/vonage/callbacks?token=" + token,
		SessionsCallbackURL: "https://meet.example.com/hooks/" + token + "/sessions",
	}
	_, err = c.CreateRoom(context.Background(), vonage.CreateRoomRequest{DisplayName: "a", CallbackURLs: cb})
	var ae *vonage.APIError
	require.ErrorAs(t, err, &ae)
	assert.NotContains(t, err.Error(), token)
	assert.Contains(t, ae.Message, "[redacted]")
	assert.Contains(t, ae.Message, `"display_name":"a"`, "the rest of the message is kept")

	long := time.Now().Add(time.Hour)
	_, err = c.UpdateRoom(context.Background(), "r1", vonage.RoomUpdate{ExpiresAt: long, CallbackURLs: cb})
	require.ErrorAs(t, err, &ae)
	assert.NotContains(t, err.Error(), token)
}
