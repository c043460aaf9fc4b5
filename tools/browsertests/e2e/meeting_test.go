//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/server/eventfeed"
	"github.com/meetbridge/meetbridge/tools/internal/browsertest"
)

// The meeting tests put a guest (the join page) and the signed-in
// moderator (the console) in one room of the sandbox, each in their own
// tab, and check that the console's actions reach the guest: on the
// guest's conference page and as typed events in the guest's bridge (the
// join page's activity list shows them by event name).

// waitFor is how long a step may take; it only guards against hangs.
const waitFor = 30 * time.Second

// tab is one browser tab of the product.
type tab struct {
	t   testing.TB
	ctx context.Context
}

// newTab opens url in a browser of its own (a background tab would not
// render: each person gets a visible one) and waits for go-app.
func newTab(t testing.TB, url string) *tab {
	t.Helper()
	b := browsertest.New(t, browsertest.Options{})
	ctx, cancel := context.WithTimeout(b.Ctx, 4*time.Minute)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Run(ctx, recordCSPViolations(), appLoaded(url)))
	return &tab{t: t, ctx: ctx}
}

// run runs actions in the tab.
func (tb *tab) run(actions ...chromedp.Action) {
	tb.t.Helper()
	require.NoError(tb.t, chromedp.Run(tb.ctx, actions...))
}

// until waits for a JS condition in the tab.
func (tb *tab) until(cond string) {
	tb.t.Helper()
	require.NoError(tb.t, chromedp.Run(tb.ctx, chromedp.Poll(cond, nil, chromedp.WithPollingTimeout(waitFor))), "waiting for %s", cond)
}

// click clicks the element matching sel once it is enabled.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.until(fmt.Sprintf(`(() => { const el = document.querySelector(%q); return !!el && !el.disabled; })()`, sel))
	tb.run(chromedp.Click(sel, chromedp.ByQuery))
}

// setValue sets an input's or select's value and fires event on it.
func (tb *tab) setValue(sel, value, event string) {
	tb.t.Helper()
	tb.until(fmt.Sprintf(`!!document.querySelector(%q)`, sel))
	tb.run(chromedp.Evaluate(fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.value = %q; el.dispatchEvent(new Event(%q, {bubbles: true})); return true; })()`,
		sel, value, event), nil))
}

// snapshot reads the embedded conference's state into out.
func (tb *tab) snapshot(out any) {
	tb.t.Helper()
	var raw string
	tb.run(chromedp.Evaluate(`JSON.stringify(`+frame+`)`, &raw))
	require.NoError(tb.t, json.Unmarshal([]byte(raw), out))
}

// frame is a JS expression of the embedded conference's snapshot.
const frame = `document.querySelector('.meeting-frame iframe').contentWindow.meetbridgeSandbox.snapshot()`

// activity waits until the guest's activity list has a line of the typed
// event name whose text contains text.
func (tb *tab) activity(event, text string) {
	tb.t.Helper()
	tb.until(fmt.Sprintf(`[...document.querySelectorAll('ol.activity li')].some((li) => li.dataset.event === %q && li.textContent.includes(%q))`, event, text))
}

// signInAndJoin signs the moderator in on the console tab and opens room.
func (tb *tab) signInAndJoin(room string) {
	tb.t.Helper()
	tb.run(
		chromedp.SendKeys(`#sign-in-user`, productModerator, chromedp.ByQuery),
		chromedp.SendKeys(`#sign-in-password`, productPassword, chromedp.ByQuery),
		chromedp.Click(`.sign-in-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`#join-room`, chromedp.ByQuery),
		chromedp.SendKeys(`#join-room`, room, chromedp.ByQuery),
		chromedp.Click(`.join-submit`, chromedp.ByQuery),
	)
	tb.until(`(() => { try { return ` + frame + `.joined; } catch (e) { return false; } })()`)
}

// joinAsGuest joins room from the join page as name.
func (tb *tab) joinAsGuest(room, name string) string {
	tb.t.Helper()
	tb.run(
		chromedp.SendKeys(`#join-room`, room, chromedp.ByQuery),
		chromedp.SendKeys(`#join-name`, name, chromedp.ByQuery),
		chromedp.Click(`.join-submit`, chromedp.ByQuery),
	)
	tb.until(`(() => { try { return ` + frame + `.meeting.joined; } catch (e) { return false; } })()`)
	var id string
	tb.run(chromedp.Evaluate(frame+`.localId`, &id))
	return id
}

// screenshot saves the tab's page as name in a temporary directory, and in
// the directory MEETBRIDGE_SCREENSHOTS names (the README's docs/) if set.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	var shot []byte
	tb.run(chromedp.FullScreenshot(&shot, 100))
	require.NoError(tb.t, os.WriteFile(filepath.Join(tb.t.TempDir(), name), shot, 0o644))
	if dir := os.Getenv("MEETBRIDGE_SCREENSHOTS"); dir != "" {
		require.NoError(tb.t, os.WriteFile(filepath.Join(dir, name), shot, 0o644))
	}
}

// elementShot saves a screenshot of the element matching sel, as
// screenshot does.
func (tb *tab) elementShot(sel, name string) {
	tb.t.Helper()
	var shot []byte
	tb.run(chromedp.ScrollIntoView(sel, chromedp.ByQuery), chromedp.Screenshot(sel, &shot, chromedp.ByQuery))
	require.NoError(tb.t, os.WriteFile(filepath.Join(tb.t.TempDir(), name), shot, 0o644))
	if dir := os.Getenv("MEETBRIDGE_SCREENSHOTS"); dir != "" {
		require.NoError(tb.t, os.WriteFile(filepath.Join(dir, name), shot, 0o644))
	}
}

// participantSel is the console's row of participant id.
func participantSel(id string) string {
	return fmt.Sprintf(`.console li.participant[data-participant=%q]`, id)
}

func TestTheConsoleReachesTheGuestsPage(t *testing.T) {
	base, srv := startProductServer(t)
	guest := newTab(t, base+"/")
	guest.screenshot("join-page.png")
	bobID := guest.joinAsGuest("standup", "Bob")
	mod := newTab(t, base+"/console")
	mod.signInAndJoin("standup")
	bob := participantSel(bobID)
	mod.until(fmt.Sprintf(`!!document.querySelector(%q)`, bob))
	guest.activity("participantJoined", "ada joined.")

	// A provider event from the server's feed lands in the console's event
	// log, tagged with its source, beside the meeting's own events.
	mod.until(`!document.querySelector('.console .feed-status')`) // the feed is open
	ev, err := eventfeed.NewEvent("vonage", "session.created", map[string]string{"sessionId": "s-1"})
	require.NoError(t, err)
	srv.Events().Publish(ev)
	mod.until(`[...document.querySelectorAll('.console .event-log li.source-vonage')].some((li) => li.dataset.event === 'session.created' && li.textContent.includes('"sessionId": "s-1"'))`)
	mod.until(`!!document.querySelector('.console .event-log li.source-meeting[data-event="participantJoined"]')`)

	// AV moderation on, everyone muted: Bob's page is held; asking him to
	// unmute approves him.
	mod.click(`.console button.toggle-moderation-audio`)
	guest.until(frame + `.moderation.audio`)
	guest.activity("moderationStatusChanged", "turned on audio moderation")
	mod.click(`.console button.mute-all-audio`)
	guest.until(frame + `.participants[` + jsQuote(bobID) + `].audioMuted`)
	guest.activity("audioMuteStatusChanged", "Your microphone is off.")
	mod.until(fmt.Sprintf(`document.querySelector(%q).textContent.includes('needs approval')`, bob))
	mod.click(bob + ` button.ask-to-unmute`)
	guest.until(frame + `.moderation.approved.audio.includes(` + jsQuote(bobID) + `)`)
	guest.activity("moderationParticipantApproved", "allows your audio")

	// A private message and the subject.
	mod.setValue(`#chat-to`, bobID, "change")
	mod.setValue(`#chat-text`, "hello Bob", "input")
	mod.click(`.console button.send-chat`)
	guest.activity("incomingMessage", "(privately): hello Bob")
	mod.setValue(`#subject-input`, "Planning", "input")
	mod.click(`.console button.set-subject`)
	guest.until(frame + `.subject === 'Planning'`)
	guest.activity("subjectChange", "Subject: Planning")

	// Moderator rights.
	mod.click(bob + ` button.grant-moderator`)
	guest.until(frame + `.participants[` + jsQuote(bobID) + `].role === 'moderator'`)
	guest.activity("participantRoleChanged", "You are a moderator now.")

	// Breakout: Bob goes to R1 and the console lists him there.
	mod.setValue(`#breakout-name`, "R1", "input")
	mod.click(`.console button.add-room`)
	mod.until(`[...document.querySelectorAll('.console li.room .name')].some((n) => n.textContent === 'R1')`)
	var r1 string
	mod.run(chromedp.Evaluate(`document.querySelector('.console li.room').dataset.room`, &r1))
	mod.setValue(bob+` select.send-to-room`, r1, "change")
	guest.until(frame + `.participants[` + jsQuote(bobID) + `].room === ` + jsQuote(r1))
	guest.activity("videoConferenceJoined", "You are in a breakout room.")
	mod.until(fmt.Sprintf(`!!document.querySelector('.console .room-group[data-room=%q] li.participant[data-participant=%q]')`, r1, bobID))
	mod.run(chromedp.ScrollIntoView(`.console .participants`, chromedp.ByQuery))
	mod.screenshot("console-breakout.png")
	mod.setValue(`#event-filter`, "breakout", "input")
	mod.until(`document.querySelectorAll('.console .event-log li').length > 0`)
	mod.elementShot(`.console .events`, "event-log.png")
	mod.setValue(`#event-filter`, "", "input")

	// The moderator ends the meeting: Bob's page ends, the console offers
	// to join again and nothing else.
	mod.click(`.console button.end-conference`)
	mod.click(`.console button.end-confirm`)
	guest.until(frame + `.ended === 'ended'`)
	guest.activity("readyToClose", "You are out of the meeting.")
	mod.until(`!!document.querySelector('.console button.join-again')`)
	for _, sel := range []string{".mute-all-audio", ".end-conference", ".toggle-moderation-audio", ".start-recording", ".send-chat", ".add-room"} {
		var off bool
		mod.run(chromedp.Evaluate(fmt.Sprintf(`document.querySelector('.console button%s').disabled`, sel), &off))
		assert.True(t, off, sel+" is disabled after the end")
	}

	// Joining again makes a new meeting, and the tools come back.
	mod.click(`.console button.join-again`)
	mod.until(`(() => { try { const s = ` + frame + `; return s.joined && !s.ended; } catch (e) { return false; } })()`)
	mod.until(`!document.querySelector('.console button.mute-all-audio').disabled`)
	noCSPViolations(t, guest.ctx)
	noCSPViolations(t, mod.ctx)
}

// consoleRow is what the console shows of a participant.
type consoleRow struct {
	Moderator, Muted bool
	Room             string
}

// consoleRows reads the console's participant list.
func (tb *tab) consoleRows() map[string]consoleRow {
	tb.t.Helper()
	var raw string
	tb.run(chromedp.Evaluate(`JSON.stringify([...document.querySelectorAll('.console li.participant')].map((li) => ({
  id: li.dataset.participant,
  moderator: !!li.querySelector('.badge.moderator'),
  muted: !!li.querySelector('.badge.audio-muted'),
  room: li.closest('.room-group').dataset.room || '',
})))`, &raw))
	var rows []struct {
		ID               string
		Moderator, Muted bool
		Room             string
	}
	require.NoError(tb.t, json.Unmarshal([]byte(raw), &rows))
	out := map[string]consoleRow{}
	for _, r := range rows {
		out[r.ID] = consoleRow{Moderator: r.Moderator, Muted: r.Muted, Room: r.Room}
	}
	return out
}

// meetingRows reads the same from the sandbox's snapshot: everyone in
// every room (the room only while there are breakout rooms, as the console
// groups by room only then).
func (tb *tab) meetingRows() map[string]consoleRow {
	tb.t.Helper()
	var s struct {
		Rooms        map[string]struct{ IsMainRoom bool }
		Participants map[string]struct {
			Role       string
			AudioMuted bool
			Room       string
		}
	}
	tb.snapshot(&s)
	out := map[string]consoleRow{}
	for id, p := range s.Participants {
		room := p.Room
		if len(s.Rooms) < 2 {
			room = ""
		}
		out[id] = consoleRow{Moderator: p.Role == "moderator", Muted: p.AudioMuted, Room: room}
	}
	return out
}

// control posts a sandbox control action.
func control(t testing.TB, base, room, body string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/_sandbox/control/"+room, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+productControl)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
}

func TestTheDriftSequenceLeavesTheConsoleEqualToTheMeeting(t *testing.T) {
	base := startProduct(t)
	mod := newTab(t, base+"/console")
	mod.signInAndJoin("drift")
	mod.until(frame + `.meeting.joined`)
	control(t, base, "drift", `{"action":"join","id":"dan00001","name":"Dan"}`)
	control(t, base, "drift", `{"action":"join","id":"eve00001","name":"Eve"}`)
	dan := participantSel("dan00001")
	mod.until(fmt.Sprintf(`!!document.querySelector(%q)`, dan))

	mod.click(dan + ` button.grant-moderator`)
	mod.until(fmt.Sprintf(`!!document.querySelector('%s .badge.moderator')`, dan))
	mod.click(dan + ` button.mute-audio`)
	mod.until(fmt.Sprintf(`!!document.querySelector('%s .badge.audio-muted')`, dan))
	mod.setValue(`#breakout-name`, "R1", "input")
	mod.click(`.console button.add-room`)
	mod.until(`!!document.querySelector('.console li.room')`)
	var r1 string
	mod.run(chromedp.Evaluate(`document.querySelector('.console li.room').dataset.room`, &r1))
	mod.setValue(dan+` select.send-to-room`, r1, "change")
	mod.until(fmt.Sprintf(`!!document.querySelector('.console .room-group[data-room=%q] li.participant[data-participant="dan00001"]')`, r1))
	assertSameRows(t, mod, "Dan in R1")

	mod.click(fmt.Sprintf(`.console li.room[data-room=%q] button.remove-room`, r1))
	mod.until(`!document.querySelector('.console li.room')`)
	mod.until(fmt.Sprintf(`!!document.querySelector('%s .badge.moderator')`, dan))
	assertSameRows(t, mod, "R1 removed")
	rows := mod.consoleRows()
	assert.Equal(t, consoleRow{Moderator: true, Muted: true}, rows["dan00001"], "Dan is a muted moderator")
	var offers int
	mod.run(chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll('%s button.grant-moderator').length`, dan), &offers))
	assert.Zero(t, offers, "no Make moderator for a moderator")

	// Auto-assign: everyone but the moderator goes to a breakout room, and
	// the console still lists them there, with their actions.
	mod.setValue(`#breakout-name`, "R2", "input")
	mod.click(`.console button.add-room`)
	mod.until(`!!document.querySelector('.console li.room')`)
	var r2 string
	mod.run(chromedp.Evaluate(`document.querySelector('.console li.room').dataset.room`, &r2))
	mod.click(`.console button.auto-assign`)
	for _, id := range []string{"dan00001", "eve00001"} {
		mod.until(fmt.Sprintf(`!!document.querySelector('.console .room-group[data-room=%q] li.participant[data-participant=%q] button.kick:not([disabled])')`, r2, id))
	}
	assertSameRows(t, mod, "after auto-assign")
	mod.click(fmt.Sprintf(`.console li.room[data-room=%q] button.remove-room`, r2))
	mod.until(`!document.querySelector('.console li.room')`)

	// The camera picker switches the meeting's camera and shows the switch.
	mod.until(`document.querySelectorAll('#camera-select option').length === 2`)
	mod.setValue(`#camera-select`, "sandbox-external-camera", "change")
	mod.until(frame + `.devices.current.videoInput.deviceId === 'sandbox-external-camera'`)
	mod.until(`document.querySelector('#camera-select').value === 'sandbox-external-camera' && !document.querySelector('#camera-select').disabled`)

	// A camera failure is shown in the panel.
	control(t, base, "drift", `{"action":"fail","type":"gum.permission_denied","message":"Permission denied"}`)
	mod.until(`[...document.querySelectorAll('.console .alert')].some((a) => a.textContent.includes('Camera failed: Permission denied'))`)
}

// assertSameRows checks that the console lists everyone the meeting has,
// as the meeting has them; the console may lag an event behind, so it
// waits for them to agree first.
func assertSameRows(t *testing.T, tb *tab, when string) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		got, want := tb.consoleRows(), tb.meetingRows()
		if fmt.Sprint(sortedRows(got)) == fmt.Sprint(sortedRows(want)) || time.Now().After(deadline) {
			assert.Equal(t, want, got, when)
			return
		}
		tb.run(chromedp.Poll(`true`, nil)) // one round trip before reading again
	}
}

// sortedRows prints rows in id order.
func sortedRows(rows map[string]consoleRow) []string {
	out := make([]string, 0, len(rows))
	for id, r := range rows {
		out = append(out, fmt.Sprintf("%s=%+v", id, r))
	}
	sort.Strings(out)
	return out
}

// jsQuote quotes s as a JS string literal.
func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
