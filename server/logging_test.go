package server

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A client chooses the path, up to the header limit: its log line stays
// short whatever the path's length, and still says how long it was.
func TestRequestLogLineIsBoundedWhateverThePath(t *testing.T) {
	ts := start(t, Config{})
	long := "/" + strings.Repeat("x", 8000)
	res, err := http.Get(ts.URL + long)
	require.NoError(t, err)
	res.Body.Close()
	ts.Close() // waits for the handler, which logs after answering

	var line string
	sc := bufio.NewScanner(strings.NewReader(ts.logs.String()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.Contains(sc.Text(), `"path":"/xxx`) {
			line = sc.Text()
		}
	}
	require.NotEmpty(t, line, "the request is logged")
	assert.Less(t, len(line), maxLoggedPath+300, "log line of a %d-byte path", len(long))
	assert.Contains(t, line, "(8001 bytes)")
}

func TestLoggedPathCutsOnARuneBoundary(t *testing.T) {
	short := "/standup"
	assert.Equal(t, short, loggedPath(short))
	long := "/" + strings.Repeat("é", maxLoggedPath) // 2 bytes a rune: the cut falls inside one
	got := loggedPath(long)
	head, _, ok := strings.Cut(got, "...(")
	require.True(t, ok, got)
	assert.LessOrEqual(t, len(head), maxLoggedPath)
	assert.True(t, strings.HasPrefix(long, head))
	assert.True(t, strings.HasSuffix(head, "é"), "no half rune at the cut")
}
