package vonage_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/vonage"
)

// Payloads in the documented shapes (API spec x-webhooks, Node SDK types).
var callbackPayloads = map[string]string{
	"room:expired":               `{"event":"room:expired","room_id":"r1","room_type":"long_term","expires_at":"2024-05-01T10:00:00.000Z","created_at":"2024-04-01T10:00:00.000Z"}`,
	"session:started":            `{"event":"session:started","session_id":"s1","room_id":"r1","started_at":"2024-05-01T09:00:00.000Z"}`,
	"session:ended":              `{"event":"session:ended","session_id":"s1","room_id":"r1","started_at":"2024-05-01T09:00:00.000Z","ended_at":"2024-05-01T09:30:00.000Z"}`,
	"recording:started":          `{"event":"recording:started","recording_id":"rec1","session_id":"s1"}`,
	"recording:ended":            `{"event":"recording:ended","recording_id":"rec1","session_id":"s1","started_at":"2024-05-01T09:01:00.000Z","ended_at":"2024-05-01T09:11:00.000Z","duration":600}`,
	"recording:ready":            `{"event":"recording:ready","recording_id":"rec1","session_id":"s1","room_id":"r1","started_at":"2024-05-01T09:01:00.000Z","ended_at":"2024-05-01T09:11:00.000Z","duration":600,"url":"https://example.com/rec1.mp4"}`,
	"session:participant:joined": `{"event":"session:participant:joined","participant_id":"p1","session_id":"s1","room_id":"r1","name":"Ada","type":"Guest","is_host":false}`,
	"session:participant:left":   `{"event":"session:participant:left","participant_id":"p1","session_id":"s1","room_id":"r1","name":"Ada","type":"Guest","is_host":true}`,
}

func TestDecodeCallbackEveryType(t *testing.T) {
	for name, body := range callbackPayloads {
		e, err := vonage.DecodeCallback([]byte(body))
		require.NoError(t, err, name)
		assert.Equal(t, name, e.EventName())
	}
	e, _ := vonage.DecodeCallback([]byte(callbackPayloads["room:expired"]))
	re := e.(*vonage.RoomExpired)
	assert.Equal(t, vonage.RoomLongTerm, re.RoomType)
	assert.Equal(t, time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), re.ExpiresAt.UTC())
	e, _ = vonage.DecodeCallback([]byte(callbackPayloads["recording:ready"]))
	rr := e.(*vonage.RecordingReady)
	assert.Equal(t, 600.0, rr.Duration)
	assert.Equal(t, "https://example.com/rec1.mp4", rr.URL)
	e, _ = vonage.DecodeCallback([]byte(callbackPayloads["session:participant:left"]))
	pl := e.(*vonage.ParticipantLeft)
	assert.True(t, pl.IsHost)
	assert.Equal(t, "Ada", pl.Name)

	// The docs table's names are aliases.
	e, err := vonage.DecodeCallback([]byte(`{"event":"participant:joined","participant_id":"p","session_id":"s"}`))
	require.NoError(t, err)
	assert.IsType(t, &vonage.ParticipantJoined{}, e)
	e, err = vonage.DecodeCallback([]byte(`{"event":"recording:uploaded","recording_id":"r","session_id":"s","url":"https://x"}`))
	require.NoError(t, err)
	assert.IsType(t, &vonage.RecordingReady{}, e)
}

func TestDecodeCallbackRefusesMalformedBodies(t *testing.T) {
	for name, body := range map[string]string{
		"not json":       `event=room:expired`,
		"array":          `[1,2]`,
		"no event":       `{"room_id":"r1"}`,
		"unknown event":  `{"event":"room:exploded","room_id":"r1"}`,
		"missing id":     `{"event":"session:started","room_id":"r1"}`,
		"wrong type":     `{"event":"recording:ended","recording_id":"r","session_id":"s","duration":"long"}`,
		"bad time":       `{"event":"session:started","session_id":"s","room_id":"r","started_at":"yesterday"}`,
		"event a number": `{"event":5}`,
	} {
		_, err := vonage.DecodeCallback([]byte(body))
		assert.ErrorIs(t, err, vonage.ErrMalformedCallback, name)
	}
}

func TestCallbackHandlerAnswers204AndClear4xx(t *testing.T) {
	var (
		mu  sync.Mutex
		got []vonage.CallbackEvent
	)
	srv := httptest.NewServer(vonage.CallbackHandler{OnEvent: func(_ context.Context, e vonage.CallbackEvent) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, e)
	}})
	defer srv.Close()
	post := func(ct, body string) (int, string) {
		res, err := http.Post(srv.URL, ct, strings.NewReader(body))
		require.NoError(t, err)
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for _, body := range callbackPayloads {
		status, _ := post("application/json", body)
		assert.Equal(t, http.StatusNoContent, status)
	}
	mu.Lock()
	assert.Len(t, got, len(callbackPayloads))
	mu.Unlock()

	status, msg := post("application/json", `{"event":"session:started"}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, msg, "session_id is required")
	status, msg = post("application/json", `{`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, msg, "not a JSON object")
	status, _ = post("text/plain", callbackPayloads["session:started"])
	assert.Equal(t, http.StatusUnsupportedMediaType, status)
	status, _ = post("application/json", `{"event":"`+strings.Repeat("x", vonage.MaxCallbackBytes)+`"}`)
	assert.Equal(t, http.StatusRequestEntityTooLarge, status)
	res, err := http.Get(srv.URL)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	mu.Lock()
	assert.Len(t, got, len(callbackPayloads), "nothing malformed was passed on")
	mu.Unlock()
}
