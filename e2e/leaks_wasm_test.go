//go:build js && wasm

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

// pageCounts is what leakcheck.js counts.
type pageCounts struct {
	MessageListeners int `json:"messageListeners"`
	Intervals        int `json:"intervals"`
	IFrames          int `json:"iframes"`
}

// counts reads leakcheck.js's counts.
func counts() (pageCounts, error) {
	lc, err := safejs.Global().Get("leakcheck")
	if err != nil {
		return pageCounts{}, err
	}
	v, err := lc.Call("counts")
	if err != nil {
		return pageCounts{}, err
	}
	s, err := safejs.MustGetGlobal("JSON").Call("stringify", v)
	if err != nil {
		return pageCounts{}, err
	}
	str, err := s.String()
	if err != nil {
		return pageCounts{}, err
	}
	var c pageCounts
	return c, json.Unmarshal([]byte(str), &c)
}

// TestMain loads the leak counters before any meeting exists and, after
// every test (each disposes its meetings), checks that the page holds no
// iframe, message listener or interval of theirs: with -count=2 the whole
// suite runs twice in the same page.
func TestMain(m *testing.M) {
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	err := externalapi.LoadScript(ctx, "/files/testdata/leakcheck.js", "")
	cancel()
	if err != nil && !isNoGlobal(err) {
		fmt.Println("e2e: loading leakcheck.js:", err)
		os.Exit(1)
	}
	code := m.Run()
	c, err := counts()
	switch {
	case err != nil:
		fmt.Println("e2e: reading the leak counters:", err)
		code = 1
	case c != pageCounts{}:
		fmt.Printf("e2e: after the suite the page still holds %+v\n", c)
		code = 1
	default:
		fmt.Println("e2e: after the suite the page holds no iframe, message listener or interval")
	}
	os.Exit(code)
}

// isNoGlobal reports the expected outcome of loading a script that defines
// no constructor.
func isNoGlobal(err error) bool {
	return err != nil && errorsIs(err, externalapi.ErrNoGlobal)
}

func TestTwoHundredMeetingsLeaveNothingBehind(t *testing.T) {
	before, err := counts()
	require.NoError(t, err)
	room := newRoom("leaks")
	jwt := moderatorJWT(t, room, nil)
	for i := 0; i < 200; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), guard)
		api, err := externalapi.New(ctx, provider(), externalapi.Options{RoomName: room, JWT: jwt})
		cancel()
		require.NoError(t, err)
		if i%20 == 0 { // every twentieth waits until it is ready
			ctx, cancel := context.WithTimeout(context.Background(), guard)
			require.NoError(t, api.WaitReady(ctx), "meeting %d", i)
			cancel()
		}
		require.NoError(t, api.Dispose())
	}
	after, err := counts()
	require.NoError(t, err)
	assert.Equal(t, before, after)
}
