//go:build !js

package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The server prerenders the pages with go-app's Handler: Render runs there
// without OnMount, with nothing known yet.
func TestPagesPrerender(t *testing.T) {
	Routes()
	srv := httptest.NewServer(&goapp.Handler{Name: "meetbridge", Styles: []string{"/web/console.css"}})
	defer srv.Close()
	for path, want := range map[string][]string{
		JoinPath:    {"Join a meeting", "Checking your session…", `href="/console"`, `id="join-room"`},
		ConsolePath: {"meetbridge console", "Checking your session…", `href="/"`},
	} {
		resp, err := http.Get(srv.URL + path)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
		for _, w := range want {
			assert.Contains(t, string(body), w, path)
		}
		assert.Contains(t, string(body), "/web/console.css", path)
	}
}
