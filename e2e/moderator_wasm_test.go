//go:build js && wasm

package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

// moderatorPasswordEnv carries the password scripts/e2e.sh's server wrote
// to its -dev-moderator-file.
const moderatorPasswordEnv = "MEETBRIDGE_E2E_MODERATOR_PASSWORD"

// moderatorName is the display name of the suite's moderator tokens when
// a meeting gives none.
const moderatorName = "E2E Moderator"

// tokenFor is what a moderator token is for: one room, one identity.
type tokenFor struct {
	Room        string `json:"room"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email,omitempty"`
}

// moderatorTokens holds the signed-in session's moderator jwts by what
// they are for.
var moderatorTokens = struct {
	sync.Mutex
	signedIn bool
	jwts     map[tokenFor]string
}{jwts: map[tokenFor]string{}}

// moderatorJWT returns a moderator jwt for room from the server, naming
// the user as user does (the jwt's name wins over userInfo, as in Jitsi),
// signing in once (the session cookie stays in the browser): where the
// server verifies jwts, a page opened without one is only a participant,
// and the suite drives moderator commands.
func moderatorJWT(t testing.TB, room string, user *externalapi.UserInfo) string {
	t.Helper()
	want := tokenFor{Room: room, DisplayName: moderatorName}
	if user != nil {
		want.DisplayName, want.Email = user.DisplayName, user.Email
	}
	moderatorTokens.Lock()
	defer moderatorTokens.Unlock()
	if jwt, ok := moderatorTokens.jwts[want]; ok {
		return jwt
	}
	if !moderatorTokens.signedIn {
		password := os.Getenv(moderatorPasswordEnv)
		require.NotEmpty(t, password, moderatorPasswordEnv+" is not set: run scripts/e2e.sh")
		postAPI(t, "/api/login", map[string]string{"username": "moderator", "password": password}, nil)
		moderatorTokens.signedIn = true
	}
	var grant struct {
		JWT       string `json:"jwt"`
		Moderator bool   `json:"moderator"`
	}
	postAPI(t, "/api/token", struct {
		tokenFor
		Role string `json:"role"`
	}{want, "moderator"}, &grant)
	require.True(t, grant.Moderator, "the token for %s is no moderator token", room)
	require.NotEmpty(t, grant.JWT, "the grant for %s has no jwt", room)
	moderatorTokens.jwts[want] = grant.JWT
	return grant.JWT
}

// postAPI posts body as JSON to the server's API at path and decodes the
// answer into out (when not nil), failing t unless it is 200 OK.
func postAPI(t testing.TB, path string, body any, out any) {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	res, err := http.Post(origin()+path, "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	defer res.Body.Close()
	var answer bytes.Buffer
	_, err = answer.ReadFrom(res.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode, "POST %s: %s", path, answer.String())
	if out != nil {
		require.NoError(t, json.Unmarshal(answer.Bytes(), out), "POST %s", path)
	}
}
