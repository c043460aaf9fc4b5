package vonagetest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

// mint signs an application JWT for the fake with claims changed by edit.
func mint(t *testing.T, fake *vonagetest.Server, method jwt.SigningMethod, key any, edit func(jwt.MapClaims)) string {
	t.Helper()
	now := time.Now()
	c := jwt.MapClaims{"application_id": fake.ApplicationID(), "iat": now.Unix(), "exp": now.Add(time.Minute).Unix(), "jti": uuid.NewString()}
	if edit != nil {
		edit(c)
	}
	s, err := jwt.NewWithClaims(method, c).SignedString(key)
	require.NoError(t, err)
	return s
}

// send makes one request and returns the status and the decoded error body.
func send(t *testing.T, fake *vonagetest.Server, method, path, token, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, fake.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func TestFakeChecksTheApplicationJWT(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	key, err := jwt.ParseRSAPrivateKeyFromPEM(fake.PrivateKeyPEM())
	require.NoError(t, err)

	good := mint(t, fake, jwt.SigningMethodRS256, key, nil)
	status, _ := send(t, fake, "GET", "/themes", good, "")
	assert.Equal(t, 200, status)
	status, body := send(t, fake, "GET", "/themes", good, "")
	assert.Equal(t, 401, status, "a jti is used once")
	assert.Contains(t, body["message"], "used before")
	assert.Equal(t, "Unauthorized", body["error"])

	for name, tok := range map[string]string{
		"none":       "",
		"hs256":      mint(t, fake, jwt.SigningMethodHS256, []byte("a shared secret of enough length!!"), nil),
		"other app":  mint(t, fake, jwt.SigningMethodRS256, key, func(c jwt.MapClaims) { c["application_id"] = "someone-else" }),
		"expired":    mint(t, fake, jwt.SigningMethodRS256, key, func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }),
		"no exp":     mint(t, fake, jwt.SigningMethodRS256, key, func(c jwt.MapClaims) { delete(c, "exp") }),
		"no iat":     mint(t, fake, jwt.SigningMethodRS256, key, func(c jwt.MapClaims) { delete(c, "iat") }),
		"no jti":     mint(t, fake, jwt.SigningMethodRS256, key, func(c jwt.MapClaims) { delete(c, "jti") }),
		"future iat": mint(t, fake, jwt.SigningMethodRS256, key, func(c jwt.MapClaims) { c["iat"] = time.Now().Add(time.Hour).Unix() }),
	} {
		status, _ := send(t, fake, "GET", "/themes", tok, "")
		assert.Equal(t, 401, status, name)
	}
}

func TestFakeChecksBodiesAndRoutes(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	key, err := jwt.ParseRSAPrivateKeyFromPEM(fake.PrivateKeyPEM())
	require.NoError(t, err)
	tok := func() string { return mint(t, fake, jwt.SigningMethodRS256, key, nil) }

	status, room := send(t, fake, "POST", "/rooms", tok(), `{"display_name":"a","type":"long_term","expires_at":"2999-01-01T00:00:00Z"}`)
	require.Equal(t, 201, status)
	id := room["id"].(string)
	links := room["_links"].(map[string]any)
	assert.Contains(t, links["guest_url"].(map[string]any)["href"], vonagetest.MeetingsHost)

	for _, tc := range []struct {
		name, method, path, body string
		status                   int
	}{
		{"unknown field", "POST", "/rooms", `{"display_name":"a","colour":"red"}`, 400},
		{"node's update_options", "PATCH", "/rooms/" + id, `{"update_options":{"expire_after_use":true}}`, 400},
		{"unwrapped update", "PATCH", "/rooms/" + id, `{"expire_after_use":true}`, 400},
		{"record_owner_only spelling", "POST", "/rooms", `{"display_name":"a","recording_options":{"record_owner_only":true}}`, 400},
		{"missing display name", "POST", "/rooms", `{"type":"instant"}`, 400},
		{"past expiry", "POST", "/rooms", `{"display_name":"a","type":"long_term","expires_at":"2000-01-01T00:00:00Z"}`, 400},
		{"trailing data", "POST", "/rooms", `{"display_name":"a"} {}`, 400},
		{"node's session path", "GET", "/sessions/s1", "", 404},
		{"beta delete room", "DELETE", "/rooms/" + id, "", 404},
		{"bad page size", "GET", "/rooms?page_size=0", "", 400},
		{"unknown theme", "POST", "/rooms", `{"display_name":"a","theme_id":"0b0b0b0b-0000-4000-8000-000000000000"}`, 400},
		{"bad force", "DELETE", "/themes/x?force=yes", "", 400},
	} {
		status, body := send(t, fake, tc.method, tc.path, tok(), tc.body)
		assert.Equal(t, tc.status, status, tc.name)
		assert.NotEmpty(t, body["message"], tc.name)
		assert.NotEmpty(t, body["name"], tc.name)
		assert.EqualValues(t, tc.status, body["status"], tc.name)
	}
	status, _ = send(t, fake, "PATCH", "/rooms/"+id, tok(), `{"update_details":{"expire_after_use":true}}`)
	assert.Equal(t, 200, status)

	var last vonagetest.Request
	reqs := fake.Requests()
	last = reqs[len(reqs)-1]
	assert.Equal(t, vonagetest.Request{Method: "PATCH", Path: "/rooms/" + id, Status: 200}, last)
}

// TestFakeAnswersConcurrentUpdatesWithoutARace fails under -race when the
// fake encodes a room outside its lock while another request updates it.
func TestFakeAnswersConcurrentUpdatesWithoutARace(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	c, err := vonage.New(fake.ClientConfig())
	require.NoError(t, err)
	ctx := context.Background()
	room, err := c.CreateRoom(ctx, vonage.CreateRoomRequest{DisplayName: "Board", Type: vonage.RoomLongTerm, ExpiresAt: time.Now().Add(24 * time.Hour)})
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range errs {
		wg.Go(func() {
			if i%2 == 0 {
				_, errs[i] = c.UpdateRoom(ctx, room.ID, vonage.RoomUpdate{ExpiresAt: time.Now().Add(time.Duration(30+i) * time.Hour)})
				return
			}
			page, err := c.ListRooms(ctx, vonage.ListOptions{})
			if err == nil && len(page.Rooms) != 1 {
				err = fmt.Errorf("%d rooms listed, want 1", len(page.Rooms))
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}
