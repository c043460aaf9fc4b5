//go:build !js

package app_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/meetbridge/meetbridge/app"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/meetbridge/meetbridge/server"
)

// meetHourServer runs the real server for the Meet Hour provider against
// a fake Meet Hour, on loopback, and returns a signed-in console client.
func meetHourServer(t *testing.T) (*app.Client, *meethourtest.Server, string) {
	t.Helper()
	fake := meethourtest.NewServer(meethourtest.Config{})
	t.Cleanup(fake.Close)
	wasm := filepath.Join(t.TempDir(), "app.wasm")
	require.NoError(t, os.WriteFile(wasm, []byte("\x00asm"), 0o644))
	hash, err := bcrypt.GenerateFromPassword([]byte("correct horse battery staple"), 10)
	require.NoError(t, err)
	ts := httptest.NewUnstartedServer(nil)
	srv, err := server.New(server.Config{
		PublicHost: ts.Listener.Addr().String(), WasmPath: wasm, Provider: server.ProviderMeetHour, InsecureCookies: true,
		ModeratorUser: "mod", ModeratorPasswordHash: hash,
		MeetHour: server.MeetHourSettings{BaseURL: fake.URL, ClientID: meethourtest.ClientID, ClientSecret: meethourtest.ClientSecret,
			Username: meethourtest.Username, Password: meethourtest.Password, APIKey: meethourtest.APIKey},
	}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &app.Client{BaseURL: ts.URL, Transport: app.HTTPTransport{Client: &http.Client{Jar: jar}}}
	return c, fake, ts.URL
}

func TestMeetHourClientAgainstTheServer(t *testing.T) {
	c, fake, base := meetHourServer(t)
	ctx := t.Context()
	_, err := c.MeetHourTimezones(ctx)
	var ae *app.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusUnauthorized, ae.Status, "only the moderator")

	_, err = c.Login(ctx, "mod", "correct horse battery staple")
	require.NoError(t, err)
	zones, err := c.MeetHourTimezones(ctx)
	require.NoError(t, err)
	assert.Contains(t, zones, app.MeetHourTimezone{Name: "(GMT+01:00) Europe/Paris", Value: "Europe/Paris"})

	m, err := c.MeetHourSchedule(ctx, app.MeetHourSchedule{Name: "Retro", Date: "2031-01-02", Time: "09:15", Timezone: "Europe/Paris", Passcode: "retro-1", Options: []string{"ENABLE_LOBBY"}, DurationMinutes: 45})
	require.NoError(t, err)
	assert.Equal(t, "Retro", m.Topic)
	page, err := c.MeetHourMeetings(ctx, app.MeetHourUpcoming, 1)
	require.NoError(t, err)
	require.Len(t, page.Meetings, 1)
	assert.Equal(t, m.MeetingID, page.Meetings[0].MeetingID)
	assert.Equal(t, 1, page.TotalRecords)

	g, err := c.Token(ctx, app.TokenRequest{Room: m.Room, DisplayName: "mod", Role: app.RoleModerator})
	require.NoError(t, err)
	assert.Equal(t, m.MeetingID, g.RoomName)
	assert.True(t, g.Moderator)

	fake.AddRecording(meethour.StorageDropbox, meethour.Recording{Name: "retro.mp4", Path: "https://dropbox.example.com/retro.mp4"})
	recs, err := c.MeetHourRecordings(ctx, 1)
	require.NoError(t, err)
	require.Len(t, recs.Recordings, 1)
	assert.Equal(t, "https://dropbox.example.com/retro.mp4", recs.Recordings[0].Link)

	// A sandbox server has no Meet Hour routes: the panel hides itself.
	other := &app.Client{BaseURL: base + "/nothing-here", Transport: app.HTTPTransport{}}
	_, err = other.MeetHourTimezones(ctx)
	assert.True(t, app.IsNotFound(err), "%v", err)
}
