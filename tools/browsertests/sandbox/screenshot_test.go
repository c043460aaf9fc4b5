package sandbox_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screenshotCopy is where the screenshot test leaves a copy for people to
// look at.
const screenshotCopy = "/tmp/sandbox.png"

func TestScreenshotShowsTheMeeting(t *testing.T) {
	p, base := controlled(t, "standup")
	for _, body := range []string{
		`{"action":"join","id":"b0b","name":"Bob Builder"}`,
		`{"action":"join","id":"ca4","name":"Carol Danvers"}`,
		`{"action":"join","id":"da4e","name":"Dave Grohl"}`,
		`{"action":"knock","id":"e4e","name":"Eve Moneypenny"}`,
		`{"action":"knock","id":"f4a","name":"Frank Ocean"}`,
		`{"action":"raiseHand","id":"ca4"}`,
		`{"action":"mute","id":"da4e","mediaType":"audio","muted":true}`,
		`{"action":"mute","id":"ca4","mediaType":"video","muted":true}`,
		`{"action":"speak","id":"b0b"}`,
		`{"action":"message","from":"b0b","text":"Can everyone see the roadmap?"}`,
	} {
		p.act(base, "standup", body)
	}
	p.exchange(
		wireCommand("subject", `["Weekly planning"]`),
		wireCommand("toggle-lobby", `[true]`),
		wireCommand("start-recording", `[{"mode":"file"}]`),
		wireCommand("toggle-chat", `[]`),
		wireCommand("send-chat-message", `["Yes, loud and clear"]`),
		wireCommand("toggle-raise-hand", `[]`),
		wireCommand("show-notification", `[{"title":"Recording started","description":"Everyone was told.","type":"success","timeout":"sticky"}]`),
	)

	p.rendered()
	var buf []byte
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Run(ctx, chromedp.FullScreenshot(&buf, 100)))
	img, err := png.Decode(bytes.NewReader(buf))
	require.NoError(t, err)
	assert.Equal(t, 1280, img.Bounds().Dx())
	require.NoError(t, os.WriteFile(filepath.Join(t.TempDir(), "sandbox.png"), buf, 0o644))
	require.NoError(t, os.WriteFile(screenshotCopy, buf, 0o644))
	t.Logf("screenshot: %s", screenshotCopy)

	// What the picture shows, as text.
	var text string
	p.eval(`stub.frameDocument().body.innerText`, &text)
	for _, want := range []string{"Weekly planning", "REC", "Lobby on", "Eve Moneypenny", "Frank Ocean", "wants to join",
		"Admit", "Bob Builder", "Carol Danvers", "Dave Grohl", "Alice (me)", "Can everyone see the roadmap?", "Recording started",
		"4 participants", "Lower hand", "Stop recording"} {
		assert.Contains(t, text, want)
	}
	var speaking, hands, muted []string
	p.eval(`Array.from(stub.frameDocument().querySelectorAll('#filmstrip .tile.speaking')).map(e => e.dataset.id)`, &speaking)
	p.eval(`Array.from(stub.frameDocument().querySelectorAll('#filmstrip .tile .badge.hand')).map(e => e.closest('.tile').dataset.id)`, &hands)
	p.eval(`Array.from(stub.frameDocument().querySelectorAll('#filmstrip .tile .state.muted')).map(e => e.closest('.tile').dataset.id)`, &muted)
	assert.Equal(t, []string{"b0b"}, speaking)
	assert.ElementsMatch(t, []string{p.snapshot().LocalID, "ca4"}, hands)
	assert.ElementsMatch(t, []string{"ca4", "da4e"}, muted, "Carol's camera and Dave's microphone")
}
