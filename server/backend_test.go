package server

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/internal/redistest"
)

// An unparsable Redis URL is refused without its password: the error ends
// in the log.
func TestUnparsableRedisURLIsRefusedWithoutItsPassword(t *testing.T) {
	for _, u := range []string{"redis://:s3cr%zzet@127.0.0.1:1/0", "redis://user:s3cr et@127.0.0.1:1/0", "redis://:s3cret@127.0.0.1:1/0?bogus=1"} {
		_, err := New(Config{PublicHost: "127.0.0.1:8080", WasmPath: writeBundle(t), RedisURL: u}, newTestLogger(&logBuffer{}))
		require.Error(t, err, u)
		assert.Contains(t, err.Error(), "redis URL")
		assert.False(t, strings.Contains(err.Error(), "s3cr"), "the password in %q", err)
	}
}

// Two deployments on one Redis database (staging and production) keep
// their sessions apart by their prefixes; instances of one deployment
// share them.
func TestDeploymentsOnOneRedisKeepTheirSessionsApart(t *testing.T) {
	url := redistest.Start(t).URL
	staging := start(t, Config{RedisURL: url, RedisPrefix: "staging:"})
	stagingTwin := start(t, Config{RedisURL: url, RedisPrefix: "staging:"})
	production := start(t, Config{RedisURL: url})
	c := staging.browser(t) // the cookie goes to every port of 127.0.0.1
	staging.login(t, c)
	signedIn := func(ts *testServer) bool {
		res, err := c.Get(ts.URL + "/api/session")
		require.NoError(t, err)
		defer res.Body.Close()
		var s sessionResponse
		require.NoError(t, jsonDecode(res, &s))
		return s.SignedIn
	}
	assert.True(t, signedIn(stagingTwin), "another instance of the deployment")
	assert.False(t, signedIn(production), "staging's moderator is not signed in on production")
}
