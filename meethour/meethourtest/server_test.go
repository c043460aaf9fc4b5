package meethourtest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// post sends body to the fake and returns the status and decoded answer.
func post(t *testing.T, srv *meethourtest.Server, path, contentType, bearer, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", contentType)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

const loginBody = `{"grant_type":"password","client_id":"fake-client-id","client_secret":"fake-client-secret-4e1c0b9a","username":"owner@example.com","password":"fake-password-7d2f5a61"}`

func login(t *testing.T, srv *meethourtest.Server) map[string]any {
	t.Helper()
	status, out := post(t, srv, "/oauth/token", "application/json", "", loginBody)
	require.Equal(t, http.StatusOK, status, out)
	return out
}

func keys(m map[string]any) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	return k
}

func TestPasswordGrant(t *testing.T) {
	now := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	srv := meethourtest.NewServer(meethourtest.Config{TokenTTL: 90 * time.Second, Now: func() time.Time { return now }})
	defer srv.Close()
	out := login(t, srv)
	assert.ElementsMatch(t, []string{"token_type", "expires_in", "access_token", "refresh_token"}, keys(out))
	assert.Equal(t, "Bearer", out["token_type"])
	assert.Equal(t, float64(90), out["expires_in"])
	assert.Equal(t, 1, srv.Logins())

	for name, tc := range map[string]struct {
		body   string
		status int
		err    string
	}{
		"wrong password": {strings.Replace(loginBody, "fake-password-7d2f5a61", "nope", 1), 400, "invalid_grant"},
		"wrong user":     {strings.Replace(loginBody, "owner@", "other@", 1), 400, "invalid_grant"},
		"wrong secret":   {strings.Replace(loginBody, "fake-client-secret-4e1c0b9a", "nope", 1), 401, "invalid_client"},
		"no password":    {`{"grant_type":"password","client_id":"fake-client-id","client_secret":"x","username":"owner@example.com"}`, 400, "invalid_request"},
		"other grant":    {`{"grant_type":"client_credentials","client_id":"fake-client-id","client_secret":"x"}`, 400, "unsupported_grant_type"},
	} {
		t.Run(name, func(t *testing.T) {
			status, out := post(t, srv, "/oauth/token", "application/json", "", tc.body)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.err, out["error"])
			assert.NotEmpty(t, out["message"])
		})
	}
	assert.Equal(t, 1, srv.Logins())
}

func TestRefreshGrantRotates(t *testing.T) {
	srv := meethourtest.NewServer(meethourtest.Config{})
	defer srv.Close()
	first := login(t, srv)
	body := `{"grant_type":"refresh_token","client_id":"fake-client-id","client_secret":"fake-client-secret-4e1c0b9a","refresh_token":"` + first["refresh_token"].(string) + `"}`
	status, second := post(t, srv, "/oauth/token", "application/json", "", body)
	require.Equal(t, http.StatusOK, status)
	assert.NotEqual(t, first["access_token"], second["access_token"])
	assert.Equal(t, 1, srv.Refreshes())

	status, out := post(t, srv, "/oauth/token", "application/json", "", body)
	assert.Equal(t, http.StatusBadRequest, status, "a used refresh token is refused")
	assert.Equal(t, "invalid_grant", out["error"])

	status, _ = post(t, srv, "/api/v1.2/getjwt", "application/json", first["access_token"].(string), `{"meeting_id":"MHR1"}`)
	assert.Equal(t, http.StatusUnauthorized, status, "the old access token went with its refresh token")
}

func TestBearerTokenChecks(t *testing.T) {
	now := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv := meethourtest.NewServer(meethourtest.Config{Now: clock})
	defer srv.Close()
	m := srv.AddMeeting("standup", "p")
	tok := login(t, srv)["access_token"].(string)
	body := `{"meeting_id":"` + m.ID + `"}`

	status, out := post(t, srv, "/api/v1.2/getjwt", "application/json", tok, body)
	require.Equal(t, http.StatusOK, status)
	assert.ElementsMatch(t, []string{"success", "jwt"}, keys(out))
	assert.Equal(t, true, out["success"])

	for name, bearer := range map[string]string{"none": "", "unknown": "at-nope"} {
		status, out = post(t, srv, "/api/v1.2/getjwt", "application/json", bearer, body)
		assert.Equal(t, http.StatusUnauthorized, status, name)
		assert.Equal(t, map[string]any{"message": "Unauthenticated."}, out, name)
	}

	mu.Lock()
	now = now.Add(meethourtest.DefaultTokenTTL)
	mu.Unlock()
	status, _ = post(t, srv, "/api/v1.2/getjwt", "application/json", tok, body)
	assert.Equal(t, http.StatusUnauthorized, status, "expired")
}

func TestRequestShapeChecks(t *testing.T) {
	srv := meethourtest.NewServer(meethourtest.Config{})
	defer srv.Close()
	tok := login(t, srv)["access_token"].(string)
	valid := `{"meeting_name":"x","passcode":"p","meeting_time":"09:05","meeting_meridiem":"PM","meeting_date":"16-04-2026","timezone":"UTC"}`

	status, out := post(t, srv, "/api/v1.2/meeting/schedulemeeting", "application/json; charset=utf-8", tok, valid)
	require.Equal(t, http.StatusOK, status, out)
	data := out["data"].(map[string]any)
	assert.Subset(t, keys(data), []string{"meeting_id", "passcode", "joinURL", "pcode", "meeting_attendees"})
	assert.Contains(t, data["joinURL"], "?pcode="+data["pcode"].(string))

	for name, tc := range map[string]struct {
		body, contentType string
		status            int
	}{
		"text body":     {valid, "text/plain", http.StatusUnsupportedMediaType},
		"unknown field": {strings.Replace(valid, `"timezone"`, `"time_zone"`, 1), "application/json", http.StatusBadRequest},
		"no name":       {strings.Replace(valid, `"meeting_name":"x"`, `"meeting_name":""`, 1), "application/json", http.StatusUnprocessableEntity},
		"24-hour time":  {strings.Replace(valid, "09:05", "21:05", 1), "application/json", http.StatusUnprocessableEntity},
		"bad meridiem":  {strings.Replace(valid, `"PM"`, `"pm"`, 1), "application/json", http.StatusUnprocessableEntity},
		"iso date":      {strings.Replace(valid, "16-04-2026", "2026-04-16", 1), "application/json", http.StatusUnprocessableEntity},
		"two bodies":    {valid + valid, "application/json", http.StatusBadRequest},
	} {
		t.Run(name, func(t *testing.T) {
			status, out := post(t, srv, "/api/v1.2/meeting/schedulemeeting", tc.contentType, tok, tc.body)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, false, out["success"], out)
		})
	}
	assert.Len(t, srv.Scheduled(), 1)

	status, _ = post(t, srv, "/api/v1.2/nothing", "application/json", tok, `{}`)
	assert.Equal(t, http.StatusNotFound, status)

	resp, err := srv.Client().Get(srv.URL + "/api/v1.2/getjwt")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	assert.Equal(t, "POST", resp.Header.Get("Allow"))
}

func TestCloseReleasesHangingRequests(t *testing.T) {
	srv := meethourtest.NewServer(meethourtest.Config{})
	srv.Fail(meethourtest.Hang)
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+"/oauth/token", strings.NewReader(loginBody))
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		done <- err
	}()
	require.NoError(t, srv.WaitHangs(t.Context(), 1))
	srv.Close() // would block for ever if the hang ignored Close
	<-done
}

func TestFailureNames(t *testing.T) {
	for f, want := range map[meethourtest.Failure]string{
		meethourtest.None: "none", meethourtest.InternalError: "internal-error", meethourtest.Hang: "hang",
		meethourtest.MalformedJSON: "malformed-json", meethourtest.Oversized: "oversized",
		meethourtest.Unauthorized: "unauthorized", meethourtest.SuccessFalse: "success-false", meethourtest.Failure(99): "unknown",
	} {
		assert.Equal(t, want, f.String())
	}
}

func TestEveryEndpointNeedsAToken(t *testing.T) {
	srv := meethourtest.NewServer(meethourtest.Config{})
	defer srv.Close()
	for _, path := range []string{
		"/api/v1.2/customer/user_details", "/api/v1.2/getTimezone", "/api/v1.2/customer/addcontact",
		"/api/v1.2/customer/contacts", "/api/v1.2/customer/editcontact", "/api/v1.2/customer/deletecontact",
		"/api/v1.2/meeting/schedulemeeting", "/api/v1.2/meeting/viewmeeting", "/api/v1.2/meeting/editmeeting",
		"/api/v1.2/meeting/archivemeeting", "/api/v1.2/meeting/deletemeeting", "/api/v1.2/meeting/upcomingmeetings",
		"/api/v1.2/meeting/missedmeetings", "/api/v1.2/meeting/completedmeetings", "/api/v1.2/customer/videorecordinglist",
		"/api/v1.2/customer/getsinglerecording", "/api/v1.2/customer/deleterecording", "/api/v1.2/getjwt",
	} {
		status, _ := post(t, srv, path, "application/json", "", `{}`)
		assert.Equal(t, http.StatusUnauthorized, status, path)
		assert.Equal(t, 0, srv.Calls(path), path)
	}
	status, _ := post(t, srv, "/api/v1.2/meeting/completedmeeting", "application/json", login(t, srv)["access_token"].(string), `{}`)
	assert.Equal(t, http.StatusNotFound, status, "the React Native SDK's spelling is not served")
}

func TestListShapesAndPaging(t *testing.T) {
	srv := meethourtest.NewServer(meethourtest.Config{})
	defer srv.Close()
	tok := login(t, srv)["access_token"].(string)
	for i := range 12 {
		status, out := post(t, srv, "/api/v1.2/customer/addcontact", "application/json", tok,
			`{"email":"c`+string(rune('a'+i))+`@example.com","firstname":"C","is_show_portal":false}`)
		require.Equal(t, http.StatusOK, status, out)
		assert.Positive(t, out["data"].(map[string]any)["id"])
	}
	status, out := post(t, srv, "/api/v1.2/customer/contacts", "application/json", tok, `{"exclude_hosts":0,"limit":5,"page":3}`)
	require.Equal(t, http.StatusOK, status)
	assert.ElementsMatch(t, []string{"success", "code", "message", "total_pages", "total_records", "contacts"}, keys(out))
	assert.Equal(t, float64(3), out["total_pages"])
	assert.Equal(t, float64(12), out["total_records"])
	assert.Len(t, out["contacts"], 2)
	assert.Equal(t, "ck@example.com", out["contacts"].([]any)[0].(map[string]any)["email"])

	status, out = post(t, srv, "/api/v1.2/customer/contacts", "application/json", tok, `{"page":9}`)
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, out["contacts"], "past the last page: an empty page")

	status, out = post(t, srv, "/api/v1.2/customer/addcontact", "application/json", tok, `{"email":"ca@example.com","firstname":"C"}`)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, map[string]any{"success": false, "code": float64(409), "message": meethourtest.DuplicateContactMessage}, out)

	status, out = post(t, srv, "/api/v1.2/customer/videorecordinglist", "application/json", tok, `{"filter_by":"Dropbox"}`)
	require.Equal(t, http.StatusOK, status)
	assert.ElementsMatch(t, []string{"success", "code", "message", "total_pages", "total_records", "dropbox_recordings", "meethour_recordings", "custom_recordings"}, keys(out))

	m := srv.AddMeeting("standup", "p")
	status, _ = post(t, srv, "/api/v1.2/meeting/archivemeeting", "application/json", tok, `{"id":"`+m.ID+`"}`)
	assert.Equal(t, http.StatusBadRequest, status, "archive takes meeting_id, not id")
	status, _ = post(t, srv, "/api/v1.2/meeting/archivemeeting", "application/json", tok, `{"meeting_id":"`+m.ID+`"}`)
	assert.Equal(t, http.StatusOK, status)
	assert.True(t, srv.Archived(m.ID))
}

func TestInjectedFailures(t *testing.T) {
	srv := meethourtest.NewServer(meethourtest.Config{})
	defer srv.Close()
	tok := login(t, srv)["access_token"].(string)

	srv.Fail(meethourtest.SuccessFalse)
	status, out := post(t, srv, "/api/v1.2/getTimezone", "application/json", tok, `{}`)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, false, out["success"])
	assert.Equal(t, meethourtest.SuccessFalseMessage, out["message"])
	login(t, srv) // OAuth still works

	srv.Fail(meethourtest.InternalError)
	status, _ = post(t, srv, "/api/v1.2/getTimezone", "application/json", tok, `{}`)
	assert.Equal(t, http.StatusInternalServerError, status)

	// A hanging request goes through once released.
	srv.Fail(meethourtest.Hang)
	done := make(chan int, 1)
	go func() { // no require here: it may not stop the test from another goroutine
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1.2/getTimezone", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := srv.Client().Do(req)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	require.NoError(t, srv.WaitHangs(t.Context(), 1))
	srv.ReleaseHangs()
	assert.Equal(t, http.StatusOK, <-done)
	status, _ = post(t, srv, "/api/v1.2/getTimezone", "application/json", tok, `{}`)
	assert.Equal(t, http.StatusOK, status, "ReleaseHangs ends the failure")
}
