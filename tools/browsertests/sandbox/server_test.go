package sandbox_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/sandbox"
)

// libraryModule is the directory of the library module
// (github.com/meetbridge/meetbridge), which the tools module replaces with
// its parent directory: the tests read its files from there.
const libraryModule = "../../.."

// testControlToken is the control token of the test servers.
const testControlToken = "test-control-token"

// stubParentPath is where the test servers serve testdata/stub_parent.html,
// next to the Handler, so that the stub and the conference share an origin.
const stubParentPath = "/_test/stub_parent.html"

// startConferenceServer serves sandbox.Handler(cfg) and the stub parent page
// on a loopback port until the test ends, and returns the base URL.
func startConferenceServer(t testing.TB, cfg sandbox.Config) string {
	t.Helper()
	h, err := sandbox.Handler(cfg)
	require.NoError(t, err)
	stub, err := os.ReadFile("testdata/stub_parent.html")
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/", h)
	mux.HandleFunc("GET "+stubParentPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(stub)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		srv.CloseClientConnections() // ends open event streams
		srv.Close()
	})
	return srv.URL
}

// postControl posts a control body for room with the test token.
func postControl(t testing.TB, base, room, body string) (int, string) {
	t.Helper()
	return postControlWith(t, http.DefaultClient, base, room, body)
}

// postControlWith is postControl with client; it returns the status and the
// body of the reply.
func postControlWith(t testing.TB, client *http.Client, base, room, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/_sandbox/control/"+room, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testControlToken)
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	reply, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(reply)
}
