package server

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/server/eventfeed"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

// testCallbackToken is the callback token of the Vonage test servers.
const testCallbackToken = "7KJUblD5jDzKc2YQ9N1OXIenQdfoTSQN3FdFw0QF8"

// startVonage runs a server on a fake Vonage.
func startVonage(t *testing.T) (*testServer, *vonagetest.Server) {
	t.Helper()
	fake := vonagetest.NewServer(vonagetest.Config{})
	t.Cleanup(fake.Close)
	ts := start(t, Config{Provider: ProviderVonage, Vonage: VonageSettings{
		BaseURL: fake.URL, ApplicationID: fake.ApplicationID(), PrivateKeyPEM: fake.PrivateKeyPEM(),
		CallbackToken: testCallbackToken, CallbackBase: "https://meet.example.com",
	}})
	return ts, fake
}

// rawToken asks for a token and returns the status and the raw body.
func rawToken(t *testing.T, c *http.Client, ts *testServer, body map[string]string) (int, string) {
	t.Helper()
	var raw json.RawMessage
	res := post(t, c, ts.URL+"/api/token", body, &raw)
	return res.StatusCode, string(raw)
}

func TestVonageHostURLNeverReachesANonModerator(t *testing.T) {
	ts, fake := startVonage(t)

	// Before the moderator opens the room, a guest gets a clear 404 and
	// nothing is created upstream.
	guest := ts.browser(t)
	status, body := rawToken(t, guest, ts, map[string]string{"room": "standup", "displayName": "Bob"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, "room_not_open")
	assert.Empty(t, fake.Rooms(), "an anonymous caller created an upstream room")

	mod := ts.browser(t)
	ts.login(t, mod)
	status, body = rawToken(t, mod, ts, map[string]string{"room": "standup", "displayName": "Ada", "role": "moderator"})
	require.Equal(t, http.StatusOK, status, body)
	var hostGrant struct {
		grant
		RoomURL string `json:"roomURL"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &hostGrant))
	require.Len(t, fake.Rooms(), 1)
	var room struct {
		Links struct {
			Guest struct{ Href string } `json:"guest_url"`
			Host  struct{ Href string } `json:"host_url"`
		} `json:"_links"`
		CallbackURLs map[string]string `json:"callback_urls"`
	}
	require.NoError(t, json.Unmarshal(fake.Rooms()[0], &room))
	hostURL, guestURL := room.Links.Host.Href, room.Links.Guest.Href
	assert.Equal(t, "vonage", hostGrant.Provider)
	assert.True(t, hostGrant.Moderator)
	assert.Equal(t, hostURL, hostGrant.RoomURL)
	assert.Equal(t, "https://meet.example.com/vonage/callbacks?token="+testCallbackToken, room.CallbackURLs["sessions_callback_url"])
	hostSecret := hostURL[strings.Index(hostURL, "participant_token=")+len("participant_token="):]
	require.NotEmpty(t, hostSecret)

	// Everyone else gets the guest URL, and nothing of the host URL: a
	// guest, a moderator asking as a member, and a signed-in session that
	// insists on the moderator role without being one.
	for name, c := range map[string]*http.Client{"guest": guest, "moderator as member": mod} {
		req := map[string]string{"room": "standup", "displayName": "Bob"}
		if c == mod {
			req["role"] = "member"
		}
		status, body := rawToken(t, c, ts, req)
		require.Equal(t, http.StatusOK, status, name)
		assert.NotContains(t, body, hostSecret, name)
		assert.NotContains(t, body, "participant_token", name)
		assert.Contains(t, body, `"roomURL":"`+guestURL+`"`, name)
		assert.Contains(t, body, `"moderator":false`, name)
	}
	status, body = rawToken(t, guest, ts, map[string]string{"room": "standup", "displayName": "Bob", "role": "moderator"})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.NotContains(t, body, hostSecret)
	assert.NotContains(t, ts.logs.String(), hostSecret, "the host URL is never logged")
	assert.Len(t, fake.Rooms(), 1, "the room is reused")
}

func TestVonagePagesMayFrameOnlyVonageRooms(t *testing.T) {
	ts, _ := startVonage(t)
	res, err := http.Get(ts.URL + "/")
	require.NoError(t, err)
	res.Body.Close()
	csp := res.Header.Get("Content-Security-Policy")
	assert.Contains(t, csp, "frame-src https://meetings.vonage.com;")
	assert.Contains(t, csp, "script-src 'self' 'wasm-unsafe-eval';", "no provider script")
	assert.Contains(t, res.Header.Get("Permissions-Policy"), `camera=(self "https://meetings.vonage.com")`)
}

func TestVonageConcurrentModeratorRequestsMakeOneRoom(t *testing.T) {
	ts, fake := startVonage(t)
	mod := ts.browser(t)
	ts.login(t, mod)
	var wg sync.WaitGroup
	statuses := make([]int, 10)
	for i := range statuses {
		wg.Go(func() {
			statuses[i], _ = rawToken(t, mod, ts, map[string]string{"room": "allhands", "displayName": "Ada", "role": "moderator"})
		})
	}
	wg.Wait()
	for _, s := range statuses {
		assert.Equal(t, http.StatusOK, s)
	}
	assert.Len(t, fake.Rooms(), 1)
}

func TestVonageUpstreamFailureIs502(t *testing.T) {
	ts, fake := startVonage(t)
	mod := ts.browser(t)
	ts.login(t, mod)
	fake.FailNext(1, vonagetest.InternalError)
	status, body := rawToken(t, mod, ts, map[string]string{"room": "standup", "displayName": "Ada"})
	assert.Equal(t, http.StatusBadGateway, status)
	assert.Contains(t, body, "upstream_unavailable")
}

func TestVonageCallbacksReachTheModeratorsEventFeed(t *testing.T) {
	ts, fake := startVonage(t)
	mod := ts.browser(t)
	ts.login(t, mod)
	status, _ := rawToken(t, mod, ts, map[string]string{"room": "standup", "displayName": "Ada"})
	require.Equal(t, http.StatusOK, status)
	var room struct{ ID string }
	require.NoError(t, json.Unmarshal(fake.Rooms()[0], &room))

	sc := followEvents(t, mod, ts.URL)

	callback := func(token, body string) int {
		res, err := http.Post(ts.URL+"/vonage/callbacks?token="+token, "application/json", strings.NewReader(body))
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	joined := `{"event":"session:participant:joined","participant_id":"p1","session_id":"s1","room_id":"` + room.ID + `","name":"Bob","type":"Guest","is_host":false}`
	assert.Equal(t, http.StatusNotFound, callback("wrong-token-wrong-token-wrong-token", joined))
	assert.Equal(t, http.StatusBadRequest, callback(testCallbackToken, `{"event":"session:started"}`))
	assert.Equal(t, http.StatusNoContent, callback(testCallbackToken, joined))
	assert.Equal(t, http.StatusNoContent, callback(testCallbackToken, `{"event":"room:expired","room_id":"`+room.ID+`","room_type":"long_term"}`))

	got := []eventfeed.Event{nextEvent(t, sc), nextEvent(t, sc)}
	assert.Equal(t, "vonage", got[0].Source)
	assert.Equal(t, "session:participant:joined", got[0].Type)
	assert.Contains(t, string(got[0].Payload), `"name":"Bob"`)
	assert.Equal(t, "room:expired", got[1].Type)
	assert.NotContains(t, ts.logs.String(), testCallbackToken, "the callback token is never logged")

	// The expired room is forgotten: members wait for a new one.
	status, body := rawToken(t, ts.browser(t), ts, map[string]string{"room": "standup", "displayName": "Bob"})
	assert.Equal(t, http.StatusNotFound, status, body)
}

func TestVonageRefusesToStartWithoutStrongSecrets(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	good := VonageSettings{BaseURL: fake.URL, ApplicationID: fake.ApplicationID(), PrivateKeyPEM: fake.PrivateKeyPEM()}
	for name, mutate := range map[string]func(*VonageSettings){
		"no application id":    func(v *VonageSettings) { v.ApplicationID = "" },
		"no key":               func(v *VonageSettings) { v.PrivateKeyPEM = nil },
		"short callback token": func(v *VonageSettings) { v.CallbackToken = "short" },
		"base without token":   func(v *VonageSettings) { v.CallbackBase = "https://meet.example.com" },
		"plain http base": func(v *VonageSettings) {
			v.CallbackToken, v.CallbackBase = testCallbackToken, "http://meet.example.com"
		},
		"short room lifetime": func(v *VonageSettings) { v.RoomTTL = time.Minute },
		"not an API base":     func(v *VonageSettings) { v.BaseURL = "ftp://x" },
	} {
		v := good
		mutate(&v)
		_, err := New(Config{Provider: ProviderVonage, PublicHost: "127.0.0.1:1", WasmPath: writeBundle(t), Vonage: v}, nil)
		assert.Error(t, err, name)
	}
	_, err := New(Config{Provider: ProviderVonage, PublicHost: "127.0.0.1:1", WasmPath: writeBundle(t), Vonage: good}, nil)
	assert.NoError(t, err, "the good settings start")
}

func TestVonageSettingsNeverPrintTheirSecrets(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	v := VonageSettings{BaseURL: fake.URL, ApplicationID: fake.ApplicationID(), PrivateKeyPEM: fake.PrivateKeyPEM(),
		CallbackToken: testCallbackToken, CallbackBase: "https://meet.example.com"}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("settings", "vonage", v)
	printed := fmt.Sprintf("%v %+v %#v %s %#v", v, v, v, &v, Config{Vonage: v}) + logged.String()
	for _, secret := range []string{"PRIVATE KEY", testCallbackToken} {
		assert.NotContains(t, printed, secret)
	}
	assert.Contains(t, printed, fake.ApplicationID(), "what is not secret is shown")
}
