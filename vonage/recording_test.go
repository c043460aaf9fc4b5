package vonage_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

func TestRecordings(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t, vonagetest.Config{})
	done := fake.AddRecording("session-1", "uploaded")
	live := fake.AddRecording("session-1", "started")
	fake.AddRecording("session-2", "uploaded")

	rec, err := c.Recording(ctx, done)
	require.NoError(t, err)
	assert.Equal(t, vonage.StatusUploaded, rec.Status)
	assert.Equal(t, "session-1", rec.SessionID)
	assert.NotEmpty(t, rec.Links.URL.Href)
	assert.False(t, rec.EndedAt.IsZero())

	list, err := c.SessionRecordings(ctx, "session-1")
	require.NoError(t, err)
	var ids []string
	for _, r := range list {
		ids = append(ids, r.ID)
	}
	assert.ElementsMatch(t, []string{done, live}, ids)

	err = c.DeleteRecording(ctx, live)
	var ae *vonage.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 403, ae.Status, "a recording still running cannot be deleted")
	require.NoError(t, c.DeleteRecording(ctx, done))
	_, err = c.Recording(ctx, done)
	assert.ErrorIs(t, err, vonage.ErrNotFound)
	assert.ErrorIs(t, c.DeleteRecording(ctx, " "), vonage.ErrInvalidRequest)
}

func TestDialInNumbers(t *testing.T) {
	c, _ := newClient(t, vonagetest.Config{})
	ns, err := c.DialInNumbers(context.Background())
	require.NoError(t, err)
	require.NotEmpty(t, ns)
	assert.Equal(t, "en-GB", ns[0].Locale)
	assert.NotEmpty(t, ns[0].Number)
	assert.NotEmpty(t, ns[0].DisplayName)
}
