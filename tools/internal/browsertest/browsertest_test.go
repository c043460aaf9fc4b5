package browsertest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBrowserLoadsALoopbackPageAndRecordsTheConsole(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<title>probe</title><script>console.log("hello from the page")</script>`))
	}))
	defer srv.Close()
	b := New(t, Options{})
	var title string
	require.NoError(t, chromedp.Run(b.Ctx, chromedp.Navigate(srv.URL), chromedp.Title(&title)))
	assert.Equal(t, "probe", title)
	var ua string
	require.NoError(t, chromedp.Run(b.Ctx, chromedp.Evaluate(`navigator.userAgent`, &ua)))
	assert.Contains(t, ua, "HeadlessChrome")
	assert.Contains(t, b.Console(), `console.log: "hello from the page"`)
}
