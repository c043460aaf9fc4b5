package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/meetbridge/meetbridge/internal/redistest"
)

// onEachStore runs test on a server with a sign-in limit of one an hour,
// once keeping its state in memory and once in a real Redis.
func onEachStore(t *testing.T, test func(t *testing.T, ts *testServer)) {
	for name, redisURL := range map[string]func(t *testing.T) string{
		"memory": func(*testing.T) string { return "" },
		"redis":  func(t *testing.T) string { return redistest.Start(t).URL },
	} {
		t.Run(name, func(t *testing.T) {
			test(t, start(t, Config{LoginRate: rate.Every(time.Hour), RedisURL: redisURL(t)}))
		})
	}
}

// loginFrom signs in through the server's handler as if from remote.
func loginFrom(ts *testServer, remote, password string) int {
	code, _ := loginWith(ts, remote, password)
	return code
}

// The attack: 300 wrong passwords from 60 addresses. Afterwards the
// moderator still signs in from a clean address, again and again, while
// the attack got only a bounded number of guesses checked: one per fresh
// address plus the user-wide burst, whatever it sends.
func TestManyAddressesCannotLockTheModeratorOutAndGuessingStaysSlow(t *testing.T) {
	onEachStore(t, func(t *testing.T, ts *testServer) {
		const attempts, addresses = 300, 60
		checked, limited := 0, 0
		for i := range attempts {
			switch code := loginFrom(ts, fmt.Sprintf("203.0.113.%d:4000", i%addresses), fmt.Sprintf("guess-%d", i)); code {
			case http.StatusUnauthorized:
				checked++
			case http.StatusTooManyRequests:
				limited++
			default:
				t.Fatalf("attempt %d: status %d", i, code)
			}
		}
		bound := addresses + limiterBurst*userWideFactor
		assert.LessOrEqual(t, checked, bound, "guesses checked: one per fresh address plus the user-wide burst at most")
		assert.GreaterOrEqual(t, checked, addresses, "each fresh address gets its first try")
		assert.Equal(t, attempts-checked, limited)
		t.Logf("%d of %d guesses checked, %d refused with 429", checked, attempts, limited)

		for i := range 3 {
			assert.Equal(t, http.StatusOK, loginFrom(ts, "198.51.100.7:5000", testPassword), "the moderator at a clean address, sign-in %d", i+1)
		}
		// An attacking address stays limited, right password or not.
		assert.Equal(t, http.StatusTooManyRequests, loginFrom(ts, "203.0.113.1:4000", testPassword))
		// The moderator's own typo makes the address pay the user-wide
		// limit only until the next success.
		assert.Equal(t, http.StatusUnauthorized, loginFrom(ts, "198.51.100.8:5000", "typo"))
		assert.Equal(t, http.StatusTooManyRequests, loginFrom(ts, "198.51.100.8:5000", testPassword), "a failed address pays the exhausted user-wide limit")
	})
}

// loginWith signs in through the server's handler from remote with the
// cookies given, returning the status and the cookies set.
func loginWith(ts *testServer, remote, password string, cookies ...*http.Cookie) (int, []*http.Cookie) {
	body := strings.NewReader(`{"username":"` + testModerator + `","password":"` + password + `"}`)
	req := httptest.NewRequest(http.MethodPost, "/api/login", body)
	req.RemoteAddr = remote
	req.Header.Set("Content-Type", "application/json")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	ts.srv.Handler().ServeHTTP(rec, req)
	return rec.Code, rec.Result().Cookies()
}

// During the attack, the moderator's own typo does not lock them out of a
// browser they signed in from before (its device cookie skips the
// exhausted user-wide limit); a browser without one still pays it.
func TestModeratorTypoDuringAnAttackDoesNotLockTheirBrowserOut(t *testing.T) {
	onEachStore(t, func(t *testing.T, ts *testServer) {
		const home = "198.51.100.7:5000"
		code, cookies := loginWith(ts, home, testPassword)
		require.Equal(t, http.StatusOK, code)
		var device *http.Cookie
		for _, c := range cookies {
			if c.Name == deviceCookie {
				device = c
			}
		}
		require.NotNil(t, device, "a device cookie after signing in")
		assert.True(t, device.HttpOnly && device.SameSite == http.SameSiteStrictMode && device.Path == "/api/login", "device cookie %+v", device)

		for i := range 300 {
			loginFrom(ts, fmt.Sprintf("203.0.113.%d:4000", i%60), fmt.Sprintf("guess-%d", i))
		}
		code, _ = loginWith(ts, home, "typo", device)
		require.Equal(t, http.StatusUnauthorized, code)
		code, _ = loginWith(ts, home, testPassword, device)
		assert.Equal(t, http.StatusOK, code, "the moderator's browser after a typo")

		forged := &http.Cookie{Name: deviceCookie, Value: "not-a-device-token"}
		code, _ = loginWith(ts, "198.51.100.8:5000", "typo", forged)
		require.Equal(t, http.StatusUnauthorized, code)
		code, _ = loginWith(ts, "198.51.100.8:5000", testPassword, forged)
		assert.Equal(t, http.StatusTooManyRequests, code, "an unknown device cookie after a failure pays the user-wide limit")
	})
}

// Concurrent guesses from a fresh address: one goes free of the exhausted
// user-wide limit, the others pay it (before, every one of the address's
// burst did: they all found the address clean).
func TestConcurrentGuessesFromAFreshAddressGetOneFreeTry(t *testing.T) {
	onEachStore(t, func(t *testing.T, ts *testServer) {
		for i := range 100 {
			loginFrom(ts, fmt.Sprintf("203.0.113.%d:4000", i%20), fmt.Sprintf("guess-%d", i))
		}
		require.Equal(t, http.StatusTooManyRequests, loginFrom(ts, "203.0.113.1:4000", "again"), "the attack exhausted the limits")

		codes := make(chan int, limiterBurst)
		var wg sync.WaitGroup
		for i := range cap(codes) {
			wg.Go(func() { codes <- loginFrom(ts, "192.0.2.9:4000", fmt.Sprintf("fresh-%d", i)) })
		}
		wg.Wait()
		close(codes)
		count := map[int]int{}
		for c := range codes {
			count[c]++
		}
		assert.Equal(t, map[int]int{http.StatusUnauthorized: 1, http.StatusTooManyRequests: limiterBurst - 1}, count)
	})
}
