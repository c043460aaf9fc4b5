package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testControlToken is the control token of the test servers.
const testControlToken = "test-control-token"

// startConferenceServer serves Handler(cfg) on a loopback port until the
// test ends, and returns the base URL.
func startConferenceServer(t testing.TB, cfg Config) string {
	t.Helper()
	h, err := Handler(cfg)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.CloseClientConnections() // ends open event streams
		srv.Close()
	})
	return srv.URL
}

// fetch sends a request and returns the response and its body.
func fetch(t testing.TB, method, url, auth, body string, header ...string) (*http.Response, string) {
	t.Helper()
	return fetchWith(t, http.DefaultClient, method, url, auth, body, header...)
}

// fetchWith is fetch with client.
func fetchWith(t testing.TB, client *http.Client, method, url, auth, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

// postControl posts a control body for room with the test token.
func postControl(t testing.TB, base, room, body string) (int, string) {
	t.Helper()
	return postControlWith(t, http.DefaultClient, base, room, body)
}

// postControlWith is postControl with client.
func postControlWith(t testing.TB, client *http.Client, base, room, body string) (int, string) {
	t.Helper()
	res, reply := fetchWith(t, client, http.MethodPost, base+"/_sandbox/control/"+room, "Bearer "+testControlToken, body,
		"Content-Type", "application/json")
	return res.StatusCode, reply
}

func TestConferencePageIsServedForValidRoomNames(t *testing.T) {
	base := startConferenceServer(t, Config{})
	for _, path := range []string{"/standup", "/Daily-Sync_2.0~x@y", "/vpaas-magic-cookie-abc/standup", "/caf%C3%A9"} {
		res, body := fetch(t, http.MethodGet, base+path, "", "")
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"), path)
		assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), path)
		assert.Equal(t, "no-store", res.Header.Get("Cache-Control"), path)
		csp := res.Header.Get("Content-Security-Policy")
		assert.Contains(t, csp, "script-src 'self'", path)
		assert.NotContains(t, csp, "frame-ancestors", path)
		assert.NotContains(t, csp, "unsafe", path)
		assert.Empty(t, res.Header.Get("X-Frame-Options"), path)
		assert.Contains(t, body, `<script src="/_sandbox/conference.js" defer></script>`, path)
	}

	_, body := fetch(t, http.MethodGet, base+"/vpaas-magic-cookie-abc/standup", "", "")
	data := meetingDataOf(t, body)
	assert.Regexp(t, `^[0-9a-f]{8}$`, data["participantId"])
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, data["mainRoom"])
	assert.NotEmpty(t, data["pageToken"])
	_, again := fetch(t, http.MethodGet, base+"/vpaas-magic-cookie-abc/standup", "", "")
	assert.Equal(t, data["mainRoom"], meetingDataOf(t, again)["mainRoom"], "every page of a room has the same main room")
	assert.NotEqual(t, data["participantId"], meetingDataOf(t, again)["participantId"], "every page is its own participant")
	assert.Equal(t, map[string]any{"room": "standup", "tenant": "vpaas-magic-cookie-abc",
		"roomPath": "vpaas-magic-cookie-abc/standup", "control": false, "role": "moderator"}, pageDataOf(t, body))
}

// pageDataOf returns the JSON the conference page embeds for its script,
// without the keys that join it to the shared meeting (meetingDataOf has
// them).
func pageDataOf(t testing.TB, body string) map[string]any {
	t.Helper()
	data := meetingDataOf(t, body)
	for _, k := range []string{"participantId", "mainRoom", "pageToken"} {
		delete(data, k)
	}
	return data
}

// meetingDataOf returns all the JSON the conference page embeds.
func meetingDataOf(t testing.TB, body string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`<script type="application/json" id="sandbox-data">(.*?)</script>`).FindStringSubmatch(body)
	require.NotNil(t, m, body)
	var data map[string]any
	require.NoError(t, json.Unmarshal([]byte(m[1]), &data), m[1])
	return data
}

func TestBadPathsAnswer404WithAMessage(t *testing.T) {
	base := startConferenceServer(t, Config{ControlToken: testControlToken})
	for path, want := range map[string]string{
		"/a%20b":                         `"a b" is not a valid room or tenant name`,
		"/room%3Cscript%3E":              `"room<script>" is not a valid room or tenant name`,
		"/ten%2Fant":                     `is not a valid room or tenant name`,
		"/bad%21tenant/room":             `"bad!tenant" is not a valid room or tenant name`,
		"/tenant/bad$room":               `"bad$room" is not a valid room or tenant name`,
		"/" + strings.Repeat("r", 201):   "is not a valid room or tenant name",
		"/":                              "no such page",
		"/a/b/c":                         "no such page",
		"/_sandbox/nope.js":              `no asset "nope.js"`,
		"/_sandbox/conference.html":      `no asset "conference.html"`,
		"/_sandbox/control/a%20b/events": `"a b" is not a valid room or tenant name`,
	} {
		res, body := fetch(t, http.MethodGet, base+path, "", "")
		assert.Equal(t, http.StatusNotFound, res.StatusCode, path)
		assert.Contains(t, body, want, path)
		assert.Equal(t, "text/plain; charset=utf-8", res.Header.Get("Content-Type"), path)
		assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), path)
	}
}

func TestAssetsAreServedWithNoCache(t *testing.T) {
	base := startConferenceServer(t, Config{})
	for name, ctype := range map[string]string{"conference.js": "text/javascript; charset=utf-8", "conference.css": "text/css; charset=utf-8"} {
		want, err := fs.ReadFile(assets, "assets/"+name)
		require.NoError(t, err)
		res, body := fetch(t, http.MethodGet, base+"/_sandbox/"+name, "", "")
		require.Equal(t, http.StatusOK, res.StatusCode, name)
		assert.Equal(t, ctype, res.Header.Get("Content-Type"), name)
		assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"), name)
		assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), name)
		assert.Equal(t, string(want), body, name)

		res, _ = fetch(t, http.MethodGet, base+"/_sandbox/"+name, "", "", "If-None-Match", res.Header.Get("ETag"))
		assert.Equal(t, http.StatusNotModified, res.StatusCode, name)
	}
}

func TestExternalAPIScriptIsServedFromTheEmbed(t *testing.T) {
	base := startConferenceServer(t, Config{})
	res, body := fetch(t, http.MethodGet, base+"/external_api.js", "", "")
	want, err := fs.ReadFile(assets, "assets/external_api.js")
	if errors.Is(err, fs.ErrNotExist) {
		// The parent library is written in parallel; until it lands the
		// route says so.
		assert.Equal(t, http.StatusNotFound, res.StatusCode)
		assert.Contains(t, body, "external_api.js is not part of this build")
		return
	}
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "text/javascript; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
	assert.Equal(t, string(want), body)
}

func TestJWTIdentityIsEmbeddedOrItsErrorShown(t *testing.T) {
	var seen []string
	base := startConferenceServer(t, Config{Verify: func(jwt string) (Identity, error) {
		seen = append(seen, jwt)
		if jwt == "good" {
			return Identity{Name: "Ada </script>", Email: "ada@example.com", Moderator: false, AvatarURL: "/ada.png"}, nil
		}
		return Identity{}, errors.New("token expired")
	}})

	_, body := fetch(t, http.MethodGet, base+"/standup?jwt=good", "", "")
	assert.NotContains(t, body, "Ada </script>", "the name must be escaped inside the script element")
	assert.Equal(t, map[string]any{"room": "standup", "roomPath": "standup", "control": false, "role": "participant",
		"identity": map[string]any{"name": "Ada </script>", "email": "ada@example.com", "moderator": false, "avatarURL": "/ada.png"},
	}, pageDataOf(t, body))

	res, body := fetch(t, http.MethodGet, base+"/standup?jwt=bad", "", "")
	assert.Equal(t, http.StatusOK, res.StatusCode, "the page itself reports the error, as Jitsi does")
	assert.Equal(t, map[string]any{"room": "standup", "roomPath": "standup", "control": false, "authError": "token expired"},
		pageDataOf(t, body))

	_, body = fetch(t, http.MethodGet, base+"/standup", "", "")
	assert.Equal(t, map[string]any{"room": "standup", "roomPath": "standup", "control": false, "role": "participant"}, pageDataOf(t, body),
		"no jwt where tokens are verified: a plain participant")
	assert.Equal(t, []string{"good", "bad"}, seen)

	// Without Verify a jwt is ignored, as by a deployment without token auth.
	base = startConferenceServer(t, Config{})
	_, body = fetch(t, http.MethodGet, base+"/standup?jwt=whatever", "", "")
	assert.Equal(t, map[string]any{"room": "standup", "roomPath": "standup", "control": false, "role": "moderator"}, pageDataOf(t, body))
}

func TestControlIsDisabledWithoutAToken(t *testing.T) {
	base := startConferenceServer(t, Config{})
	res, body := fetch(t, http.MethodPost, base+"/_sandbox/control/standup", "Bearer ", `{"action":"join","name":"Bob"}`)
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Contains(t, body, "the control is disabled")
	res, _ = fetch(t, http.MethodGet, base+"/_sandbox/control/standup/events", "", "")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestControlNeedsTheBearerToken(t *testing.T) {
	base := startConferenceServer(t, Config{ControlToken: testControlToken})
	for _, auth := range []string{"", "Bearer", "Bearer ", "Bearer wrong", "Basic " + testControlToken,
		"bearer " + testControlToken, "Bearer " + testControlToken + "x", "Bearer " + testControlToken[:5]} {
		res, body := fetch(t, http.MethodPost, base+"/_sandbox/control/standup", auth, `{"action":"join","name":"Bob"}`)
		assert.Equal(t, http.StatusUnauthorized, res.StatusCode, auth)
		assert.Equal(t, `Bearer realm="sandbox control"`, res.Header.Get("WWW-Authenticate"), auth)
		assert.Contains(t, body, "Authorization: Bearer", auth)
	}
	code, body := postControl(t, base, "standup", `{"action":"speak","id":"abc"}`)
	assert.Equal(t, http.StatusOK, code)
	assert.JSONEq(t, `{"delivered":0}`, body, "no page is open on the room")
}

func TestControlRejectsMalformedBodies(t *testing.T) {
	base := startConferenceServer(t, Config{ControlToken: testControlToken})
	for body, want := range map[string]string{
		``:                                     "malformed JSON",
		`nope`:                                 "malformed JSON",
		`[]`:                                   "malformed JSON",
		`null`:                                 "must be a JSON object",
		`{"action":"join","name":"Bob"} {}`:    "data after the object",
		`{"action":"join","name":"Bob"`:        "malformed JSON",
		`{"name":"Bob"}`:                       `missing "action"`,
		`{"action":7}`:                         `"action" must be a string`,
		`{"action":"dance"}`:                   `unknown action "dance" (known: burst, endpointMessage, fail, join, knock, leave, lowerHand, message, mute, raiseHand, recordingLink, rename, speak)`,
		`{"action":"join"}`:                    `action "join" needs the field "name"`,
		`{"action":"join","name":""}`:          `"name" must not be empty`,
		`{"action":"join","name":null}`:        `"name" must not be empty`,
		`{"action":"join","name":"Bob","x":1}`: `action "join" has no field "x"`,
		`{"action":"join","name":"Bob","count":1}`:                     `action "join" has no field "count"`,
		`{"action":"join","name":7}`:                                   `field "name" must be a JSON string`,
		`{"action":"burst","count":"9"}`:                               `field "count" must be a JSON number`,
		`{"action":"burst","count":1.5}`:                               `field "count" must be a JSON number`,
		`{"action":"burst","count":0}`:                                 `"count" must be 1..100000`,
		`{"action":"burst","count":100001}`:                            `"count" must be 1..100000`,
		`{"action":"mute","id":"a","mediaType":"screen","muted":true}`: `"mediaType" must be "audio" or "video"`,
		`{"action":"mute","id":"a","mediaType":"audio","muted":null}`:  `"muted" must not be null`,
		`{"action":"mute","id":"a","mediaType":"audio","muted":"yes"}`: `field "muted" must be a JSON boolean`,
		`{"action":"message","from":"a","text":"hi","private":1}`:      `field "private" must be a JSON boolean`,
		`{"action":"recordingLink","link":"https://x","ttl":-1}`:       `"ttl" must not be negative`,
		`{"action":"leave","id":"` + strings.Repeat("a", 1025) + `"}`:  `"id" is longer than 1024 bytes`,
	} {
		code, reply := postControl(t, base, "standup", body)
		assert.Equal(t, http.StatusBadRequest, code, body)
		assert.Contains(t, reply, want, body)
	}

	res, reply := fetch(t, http.MethodPost, base+"/_sandbox/control/standup", "Bearer "+testControlToken,
		`{"action":"message","from":"a","text":"`+strings.Repeat("x", 64<<10)+`"}`)
	assert.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode)
	assert.Contains(t, reply, "larger than 65536 bytes")

	res, reply = fetch(t, http.MethodPost, base+"/_sandbox/control/standup", "Bearer "+testControlToken,
		`action=join`, "Content-Type", "application/x-www-form-urlencoded")
	assert.Equal(t, http.StatusUnsupportedMediaType, res.StatusCode)
	assert.Contains(t, reply, "application/json")

	code, reply := postControl(t, base, "bad%20room", `{"action":"leave","id":"a"}`)
	assert.Equal(t, http.StatusNotFound, code)
	assert.Contains(t, reply, "not a valid room")
}

func TestParseActionFillsInIDsAndForwardsOnlyKnownFields(t *testing.T) {
	a, err := parseAction([]byte(`{"action":"join","name":"Bob"}`))
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{8}$`, a.ID)
	a, err = parseAction([]byte(`{"action":"knock","name":"Eve","id":"e1"}`))
	require.NoError(t, err)
	assert.Equal(t, "e1", a.ID)
	a, err = parseAction([]byte(`{"action":"mute","id":"b","mediaType":"video","muted":false}`))
	require.NoError(t, err)
	b, err := json.Marshal(a)
	require.NoError(t, err)
	assert.Equal(t, `{"action":"mute","id":"b","mediaType":"video","muted":false}`, string(b))
	a, err = parseAction([]byte(`{"action":"fail","type":"gum.permission_denied","message":"denied","mediaType":"audio"}`))
	require.NoError(t, err)
	assert.Equal(t, "audio", a.MediaType)
}

// sseClient is an open event stream of the control.
type sseClient struct {
	lines  *bufio.Scanner
	cancel context.CancelFunc
}

// openEvents opens the control's event stream of room and waits for its
// "connected" comment.
func openEvents(t testing.TB, base, room string) *sseClient {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/_sandbox/control/"+room+"/events", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "text/event-stream", res.Header.Get("Content-Type"))
	assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
	c := &sseClient{lines: bufio.NewScanner(res.Body), cancel: cancel}
	assert.Equal(t, "retry: 1000", c.next(t))
	assert.Equal(t, ": connected", c.next(t))
	assert.Equal(t, "", c.next(t))
	return c
}

// next returns the stream's next line; the stream's context is the guard
// against a hang.
func (c *sseClient) next(t testing.TB) string {
	t.Helper()
	guard := time.AfterFunc(10*time.Second, c.cancel)
	defer guard.Stop()
	require.True(t, c.lines.Scan(), "the event stream ended: %v", c.lines.Err())
	return c.lines.Text()
}

func TestControlFansOutToEverySubscriberOfTheRoom(t *testing.T) {
	base := startConferenceServer(t, Config{ControlToken: testControlToken})
	a := openEvents(t, base, "standup")
	b := openEvents(t, base, "standup")
	other := openEvents(t, base, "tenant/standup")

	code, reply := postControl(t, base, "standup", `{"action":"join","id":"b0b","name":"Bob","email":"bob@example.com"}`)
	require.Equal(t, http.StatusOK, code, reply)
	assert.JSONEq(t, `{"delivered":2,"id":"b0b"}`, reply)
	for _, c := range []*sseClient{a, b} {
		assert.Equal(t, `data: {"action":"join","id":"b0b","name":"Bob","email":"bob@example.com"}`, c.next(t))
		assert.Equal(t, "", c.next(t))
	}

	code, reply = postControl(t, base, "tenant/standup", `{"action":"burst","count":3}`)
	require.Equal(t, http.StatusOK, code, reply)
	assert.JSONEq(t, `{"delivered":1}`, reply)
	assert.Equal(t, `data: {"action":"burst","count":3}`, other.next(t))

	// A generated id is returned, so the caller can refer to it later.
	code, reply = postControl(t, base, "standup", `{"action":"knock","name":"Eve"}`)
	require.Equal(t, http.StatusOK, code, reply)
	var knock struct {
		Delivered int
		ID        string
	}
	require.NoError(t, json.Unmarshal([]byte(reply), &knock))
	assert.Equal(t, 2, knock.Delivered)
	assert.Regexp(t, `^[0-9a-f]{8}$`, knock.ID)
	assert.Equal(t, `data: {"action":"knock","id":"`+knock.ID+`","name":"Eve"}`, a.next(t))

	// A subscriber that goes away is no longer counted.
	a.cancel()
	require.Eventually(t, func() bool { return subscribersOf(t, base, "standup") == 1 }, 10*time.Second, 10*time.Millisecond)
}

// subscribersOf returns how many pages a no-op action reaches.
func subscribersOf(t testing.TB, base, room string) int {
	t.Helper()
	code, reply := postControl(t, base, room, `{"action":"leave","id":"nobody"}`)
	require.Equal(t, http.StatusOK, code, reply)
	var r struct{ Delivered int }
	require.NoError(t, json.Unmarshal([]byte(reply), &r))
	return r.Delivered
}

func TestHubDropsASubscriberThatFallsBehind(t *testing.T) {
	h := newHub()
	slow := h.subscribe("r")
	for i := 0; i < subscriberBuffer; i++ {
		require.Equal(t, 1, h.publish("r", []byte("x")))
	}
	assert.Equal(t, 0, h.publish("r", []byte("x")), "the full subscriber is dropped, not waited for")
	select {
	case <-slow.dropped:
	default:
		t.Fatal("the dropped subscriber was not told")
	}
	assert.Equal(t, 0, h.subscribers("r"))
	h.unsubscribe("r", slow) // the stream's own cleanup is harmless afterwards
	assert.Equal(t, 0, h.publish("r", []byte("x")))
}

func TestValidName(t *testing.T) {
	for _, ok := range []string{"a", "Z9", "a-b_c.d~e@f", "café", "会议", strings.Repeat("x", 200)} {
		assert.True(t, validName(ok), ok)
	}
	for _, bad := range []string{"", ".", "..", "a b", "a/b", "a?b", "a#b", "a%b", "a+b", "<x>", strings.Repeat("x", 201), "\xff"} {
		assert.False(t, validName(bad), bad)
	}
}
