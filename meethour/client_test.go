package meethour_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoginAndGetJWT(t *testing.T) {
	f := newFixture(t)
	tok, err := f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)
	assert.Equal(t, 1, f.srv.Logins())
	issued := f.srv.JWTs()
	require.Len(t, issued, 1)
	assert.Equal(t, issued[0].JWT, tok)
	assert.Equal(t, f.meetingID, issued[0].MeetingID)
	assert.Nil(t, issued[0].ContactID, "the organizer's token is asked for without contact_id")
	assert.Nil(t, issued[0].Config)

	// The token is a JWT whose exp follows the fake's clock.
	claims := jwt.MapClaims{}
	_, _, err = jwt.NewParser().ParseUnverified(tok, claims)
	require.NoError(t, err)
	exp, err := claims.GetExpirationTime()
	require.NoError(t, err)
	assert.Equal(t, f.clock.Now().Add(meethourtest.DefaultTokenTTL), exp.Time.UTC())
}

func TestGetJWTOptions(t *testing.T) {
	f := newFixture(t)
	ct := f.srv.AddContact(meethour.Contact{Email: "bob@example.com", FirstName: "Bob"})
	_, err := f.client.GetJWT(t.Context(), f.meetingID,
		meethour.WithContactID(ct.ID),
		meethour.WithConfig(meethour.JWTConfig{StartAudioMuted: meethour.Int(3), RequireDisplayName: meethour.Bool(true), DropboxAppKey: "k"}),
		meethour.WithUIConfig(meethour.UIConfig{DisablePrejoinHeader: meethour.Bool(true), ToolbarButtons: []string{"microphone"}, AppName: "Acme"}))
	require.NoError(t, err)
	issued := f.srv.JWTs()
	require.Len(t, issued, 1)
	require.NotNil(t, issued[0].ContactID)
	assert.Equal(t, ct.ID, *issued[0].ContactID)
	assert.Equal(t, map[string]any{"startAudioMuted": float64(3), "requireDisplayName": true, "dropboxappKey": "k"}, issued[0].Config)
	assert.Equal(t, map[string]any{"disablePrejoinHeader": true, "toolbar_buttons": []any{"microphone"}, "APP_NAME": "Acme"}, issued[0].UIConfig)

	// A contact the account lacks is refused upstream; a bad id is
	// refused before sending.
	_, err = f.client.GetJWT(t.Context(), f.meetingID, meethour.WithContactID(999))
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Contact not found.", ae.Message)
	_, err = f.client.GetJWT(t.Context(), f.meetingID, meethour.WithContactID(-1))
	assert.ErrorContains(t, err, "contact id must be positive")
}

func TestGetJWTUnknownMeeting(t *testing.T) {
	f := newFixture(t)
	_, err := f.client.GetJWT(t.Context(), "MHR000000000")
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, &meethour.APIError{Op: "getjwt", Status: 200, Code: 404, Message: "Meeting not found."}, ae)
	assert.EqualError(t, err, "meethour: getjwt: HTTP 200 (code 404): Meeting not found.")
	assert.NotErrorIs(t, err, meethour.ErrUnavailable)
	assert.NotErrorIs(t, err, meethour.ErrAuth)

	_, err = f.client.GetJWT(t.Context(), "")
	require.ErrorContains(t, err, "meeting id is required")
}

func TestTokenIsCached(t *testing.T) {
	f := newFixture(t)
	for range 5 {
		_, err := f.client.GetJWT(t.Context(), f.meetingID)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.srv.Logins())
	assert.Equal(t, 0, f.srv.Refreshes())
	assert.Len(t, f.srv.JWTs(), 5)
}

func TestConcurrentCallersShareOneLogin(t *testing.T) {
	f := newFixture(t)
	// The login hangs until all 50 callers are waiting on it.
	f.srv.Fail(meethourtest.Hang)
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Go(func() {
			_, err := f.client.GetJWT(context.Background(), f.meetingID)
			errs <- err
		})
	}
	require.NoError(t, f.srv.WaitHangs(t.Context(), 1))
	f.srv.ReleaseHangs()
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.srv.Logins())
	assert.Equal(t, 50, f.srv.Calls("/api/v1.2/getjwt"))
}

func TestExplicitLogin(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.client.Login(t.Context()))
	require.NoError(t, f.client.Login(t.Context()))
	assert.Equal(t, 2, f.srv.Logins(), "Login always logs in")
	_, err := f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)
	assert.Equal(t, 2, f.srv.Logins(), "the token of Login is reused")
}

func TestRefreshBeforeExpiry(t *testing.T) {
	f := newFixture(t)
	_, err := f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)

	// Still fresh: a minute and a second before expiry.
	f.clock.Advance(meethourtest.DefaultTokenTTL - time.Minute - time.Second)
	_, err = f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)
	assert.Equal(t, 0, f.srv.Refreshes())

	// Inside the last minute: renewed with the refresh token, not a login.
	f.clock.Advance(2 * time.Second)
	_, err = f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)
	assert.Equal(t, 1, f.srv.Refreshes())
	assert.Equal(t, 1, f.srv.Logins())

	// Long past expiry: the rotated refresh token still works.
	f.clock.Advance(3 * meethourtest.DefaultTokenTTL)
	_, err = f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)
	assert.Equal(t, 2, f.srv.Refreshes())
	assert.Equal(t, 1, f.srv.Logins())
}

func TestRefusedRefreshFallsBackToLogin(t *testing.T) {
	f := newFixture(t)
	_, err := f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)
	f.srv.RevokeRefreshTokens()
	f.clock.Advance(2 * meethourtest.DefaultTokenTTL)
	_, err = f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)
	assert.Equal(t, 0, f.srv.Refreshes())
	assert.Equal(t, 2, f.srv.Logins())
}

func TestUnauthorizedLogsInAgainOnce(t *testing.T) {
	f := newFixture(t)
	_, err := f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)

	f.srv.ExpireAccessTokens() // revoked before the client's expiry
	_, err = f.client.GetJWT(t.Context(), f.meetingID)
	require.NoError(t, err)
	assert.Equal(t, 2, f.srv.Logins(), "one password login after the 401")
	assert.Equal(t, 0, f.srv.Refreshes())

	// A 401 that persists is retried once only, then reported.
	f.srv.Fail(meethourtest.Unauthorized)
	_, err = f.client.GetJWT(t.Context(), f.meetingID)
	require.ErrorIs(t, err, meethour.ErrAuth)
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 401, ae.Status)
	assert.Equal(t, 3, f.srv.Logins())
	f.requireNoSecrets(t, err)
}

func TestWrongCredentials(t *testing.T) {
	clk := newClock()
	srv := meethourtest.NewServer(meethourtest.Config{Now: clk.Now})
	t.Cleanup(srv.Close)
	for name, edit := range map[string]func(*meethour.Config){
		"password":      func(c *meethour.Config) { c.Password = "wrong-password-123" },
		"client secret": func(c *meethour.Config) { c.ClientSecret = "wrong-secret-456" },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := srv.ClientConfig()
			edit(&cfg)
			c, err := meethour.New(cfg)
			require.NoError(t, err)
			err = c.Login(t.Context())
			require.ErrorIs(t, err, meethour.ErrAuth)
			assert.NotErrorIs(t, err, meethour.ErrUnavailable)
			for _, s := range []string{cfg.Password, cfg.ClientSecret, meethourtest.Password, meethourtest.ClientSecret} {
				assert.NotContains(t, err.Error(), s)
			}
			_, err = c.GetJWT(t.Context(), "MHR1")
			require.ErrorIs(t, err, meethour.ErrAuth)
		})
	}
	assert.Equal(t, 0, srv.Logins())
}

func TestInternalErrorIsUnavailable(t *testing.T) {
	f := newFixture(t)
	f.srv.Fail(meethourtest.InternalError)
	_, err := f.client.GetJWT(t.Context(), f.meetingID)
	require.ErrorIs(t, err, meethour.ErrUnavailable)
	assert.NotErrorIs(t, err, meethour.ErrAuth)
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, &meethour.APIError{Op: "login", Status: 500, Code: 500, Message: "Server Error"}, ae)
	f.requireNoSecrets(t, err)

	// After logging in, a 5xx on getjwt is the same.
	f.srv.Fail(meethourtest.None)
	require.NoError(t, f.client.Login(t.Context()))
	f.srv.Fail(meethourtest.InternalError)
	_, err = f.client.GetJWT(t.Context(), f.meetingID)
	require.ErrorIs(t, err, meethour.ErrUnavailable)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "getjwt", ae.Op)
	f.requireNoSecrets(t, err)
}

func TestHangEndsWithTheContext(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.client.Login(t.Context()))
	f.srv.Fail(meethourtest.Hang)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := f.client.GetJWT(ctx, f.meetingID)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, meethour.ErrUnavailable)
	f.requireNoSecrets(t, err)

	// A cancelled call is not an outage.
	ctx, cancel = context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := f.client.GetJWT(ctx, f.meetingID)
		done <- err
	}()
	cancel()
	err = <-done
	require.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, meethour.ErrUnavailable)
}

func TestHangEndsWithTheClientTimeout(t *testing.T) {
	f := newFixture(t)
	cfg := f.srv.ClientConfig()
	cfg.Timeout = 50 * time.Millisecond
	c, err := meethour.New(cfg)
	require.NoError(t, err)
	f.srv.Fail(meethourtest.Hang)
	err = c.Login(context.Background())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, meethour.ErrUnavailable)
}

func TestWaitersOfAHangingLogin(t *testing.T) {
	f := newFixture(t)
	f.srv.Fail(meethourtest.Hang)
	leaderCtx, cancelLeader := context.WithCancel(t.Context())
	leader := make(chan error, 1)
	go func() { leader <- f.client.Login(leaderCtx) }()
	require.NoError(t, f.srv.WaitHangs(t.Context(), 1)) // the leader's login is stuck

	// A waiter stops at its own deadline, without a request of its own.
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := f.client.GetJWT(ctx, f.meetingID)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, meethour.ErrUnavailable)
	assert.EqualError(t, err, "meethour: login: meethour: service unavailable: context deadline exceeded")

	// The leader giving up does not end the shared login: a waiter with
	// time left gets its token once Meet Hour answers.
	waiter := make(chan error, 1)
	go func() {
		_, err := f.client.GetJWT(t.Context(), f.meetingID)
		waiter <- err
	}()
	cancelLeader()
	err = <-leader
	require.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, meethour.ErrUnavailable)
	f.srv.ReleaseHangs()
	require.NoError(t, <-waiter)
	assert.Equal(t, 1, f.srv.Logins())
	assert.Equal(t, 1, f.srv.Calls("/api/v1.2/getjwt"))
}

func TestMalformedJSON(t *testing.T) {
	f := newFixture(t)
	f.srv.Fail(meethourtest.MalformedJSON)
	err := f.client.Login(t.Context())
	require.ErrorIs(t, err, meethour.ErrMalformedResponse)
	assert.NotErrorIs(t, err, meethour.ErrUnavailable)
	assert.ErrorContains(t, err, "meethour: login: meethour: malformed response (HTTP 200, application/json): invalid character")

	f.srv.Fail(meethourtest.None)
	require.NoError(t, f.client.Login(t.Context()))
	f.srv.Fail(meethourtest.MalformedJSON)
	_, err = f.client.GetJWT(t.Context(), f.meetingID)
	require.ErrorIs(t, err, meethour.ErrMalformedResponse)
	assert.ErrorContains(t, err, "meethour: getjwt:")
	f.requireNoSecrets(t, err)
}

func TestOversizedBody(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.client.Login(t.Context()))
	f.srv.Fail(meethourtest.Oversized)
	_, err := f.client.GetJWT(t.Context(), f.meetingID)
	require.ErrorIs(t, err, meethour.ErrMalformedResponse)
	assert.ErrorContains(t, err, "larger than 1048576 bytes")
}

func TestRecoversAfterFailures(t *testing.T) {
	f := newFixture(t)
	for _, fail := range []meethourtest.Failure{meethourtest.InternalError, meethourtest.MalformedJSON, meethourtest.Unauthorized, meethourtest.Oversized} {
		t.Run(fail.String(), func(t *testing.T) {
			f.srv.Fail(fail)
			_, err := f.client.GetJWT(t.Context(), f.meetingID)
			require.Error(t, err)
			f.srv.Fail(meethourtest.None)
			tok, err := f.client.GetJWT(t.Context(), f.meetingID)
			require.NoError(t, err)
			assert.NotEmpty(t, tok)
		})
	}
	t.Run("hang", func(t *testing.T) {
		f.srv.Fail(meethourtest.Hang)
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		_, err := f.client.GetJWT(ctx, f.meetingID)
		require.Error(t, err)
		f.srv.Fail(meethourtest.None)
		_, err = f.client.GetJWT(t.Context(), f.meetingID)
		require.NoError(t, err)
	})
}

func TestNetworkErrorIsUnavailable(t *testing.T) {
	f := newFixture(t)
	f.srv.Close()
	err := f.client.Login(t.Context())
	require.ErrorIs(t, err, meethour.ErrUnavailable)
	assert.False(t, errors.Is(err, meethour.ErrAuth))
	f.requireNoSecrets(t, err)
}

func TestUnauthenticatedEnvelopeLogsInAgainOnce(t *testing.T) {
	// Meet Hour may report an expired token as HTTP 200 with
	// {success:false, code:401}, as it reports its other refusals; that
	// is ErrAuth, so it must be retried like an HTTP 401.
	var mu sync.Mutex
	logins := 0
	c := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/oauth/token":
			logins++
			fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"access-%d"}`, logins)
		case "/api/v1.2/getjwt":
			if r.Header.Get("Authorization") == "Bearer access-1" {
				fmt.Fprint(w, `{"success":false,"code":401,"message":"Unauthenticated."}`)
				return
			}
			fmt.Fprint(w, `{"success":true,"jwt":"join-token"}`)
		default:
			http.NotFound(w, r)
		}
	})
	tok, err := c.GetJWT(t.Context(), "MHR1")
	require.NoError(t, err)
	assert.Equal(t, "join-token", tok)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 2, logins, "one login, and one more after the refusal")
}

func TestHugeExpiresInDoesNotExpireTheToken(t *testing.T) {
	// expires_in beyond what a time.Duration holds overflowed into an
	// expiry in the past: every call then renewed the token.
	var mu sync.Mutex
	grants := 0
	c := stubClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/oauth/token" {
			grants++
			fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":%d,"access_token":"access-%d","refresh_token":"refresh"}`, int64(1)<<40, grants)
			return
		}
		fmt.Fprint(w, `{"success":true,"jwt":"join-token"}`)
	})
	for range 3 {
		_, err := c.GetJWT(t.Context(), "MHR1")
		require.NoError(t, err)
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 1, grants, "one login, reused")
}

// stubClient returns a client of a loopback server answering with h, for
// answers the fake does not give.
func stubClient(t *testing.T, h http.HandlerFunc) *meethour.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := meethour.New(meethour.Config{BaseURL: srv.URL, ClientID: "id", ClientSecret: "client-secret",
		Username: "owner@example.com", Password: "password"})
	require.NoError(t, err)
	return c
}
