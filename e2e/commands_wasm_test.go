//go:build js && wasm

package e2e

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

// recorder collects what a meeting sends back: the wire names of the
// commands the sandbox logged as handled, and the other events.
type recorder struct {
	mu       sync.Mutex
	handled  map[string]int
	events   int
	commands chan string
	// arrived gets a value (without blocking) whenever an event arrives.
	arrived chan struct{}
}

// record subscribes to every event the loaded library supports.
func record(t *testing.T, m *meeting) *recorder {
	t.Helper()
	r := &recorder{handled: map[string]int{}, commands: make(chan string, 4096), arrived: make(chan struct{}, 1)}
	_, err := m.OnLog(func(e externalapi.Log) {
		if len(e.Args) < 2 {
			return
		}
		var kind, wire string
		if json.Unmarshal(e.Args[0], &kind) != nil || kind != "command" || json.Unmarshal(e.Args[1], &wire) != nil {
			return
		}
		r.mu.Lock()
		r.handled[wire]++
		r.mu.Unlock()
		r.commands <- wire
	})
	require.NoError(t, err)
	names, err := m.SupportedEvents()
	require.NoError(t, err)
	for _, name := range names {
		if name == "log" {
			continue
		}
		_, err := m.OnRaw(name, func(json.RawMessage) {
			r.mu.Lock()
			r.events++
			r.mu.Unlock()
			select {
			case r.arrived <- struct{}{}:
			default:
			}
		})
		require.NoError(t, err)
	}
	return r
}

// eventCount returns how many non-log events arrived so far.
func (r *recorder) eventCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.events
}

// awaitHandled waits until the sandbox logged wire as handled.
func (r *recorder) awaitHandled(t *testing.T, wire string) {
	t.Helper()
	for {
		if got := recv(t, r.commands); got == wire {
			return
		}
	}
}

// settle returns once every event the page posted so far was handled: it
// sends showPiP, which the sandbox only logs, and waits for that log. Events
// reach Go in the order the page posted them, through one queue and one
// dispatcher, so the late events of an earlier command cannot be credited
// to the next one.
func (r *recorder) settle(t *testing.T, m *meeting) {
	t.Helper()
	require.NoError(t, m.ShowPiP())
	r.awaitHandled(t, "show-pip")
}

// effectWait bounds how long a command's effect may take to show: its events
// are posted after the sandbox's "handled" log, and those of the room's
// shared meeting come back through the server.
const effectWait = 10 * time.Second

// awaitEffect waits until the page's visible state differs from before or
// an event arrived after events, whichever comes first; it reports whether
// either happened within effectWait. It re-checks on every event and, for
// changes that come without one, on a short poll.
func (r *recorder) awaitEffect(t *testing.T, m *meeting, before map[string]any, events int) bool {
	t.Helper()
	deadline := time.After(effectWait)
	for {
		if r.eventCount() > events || changed(before, visibleState(t, m)) {
			return true
		}
		select {
		case <-r.arrived:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			return r.eventCount() > events || changed(before, visibleState(t, m))
		}
	}
}

// changed reports whether a command changed the visible state from before to
// after. Notifications that are not sticky expire on their own after their
// timeout, so for notifications only a new one or a sticky one gone counts.
func changed(before, after map[string]any) bool {
	for k, v := range after {
		if k == "notifications" {
			if notificationsChanged(before[k], v) {
				return true
			}
			continue
		}
		if !reflect.DeepEqual(before[k], v) {
			return true
		}
	}
	return len(before) != len(after)
}

// notificationsChanged reports whether after lists a notification that
// before does not, or lacks a sticky one that before lists.
func notificationsChanged(before, after any) bool {
	timeouts := func(list any) map[any]any { // uid -> timeout
		set := map[any]any{}
		items, _ := list.([]any)
		for _, it := range items {
			if n, ok := it.(map[string]any); ok {
				set[n["uid"]] = n["timeout"]
			}
		}
		return set
	}
	had, has := timeouts(before), timeouts(after)
	for uid := range has {
		if _, ok := had[uid]; !ok {
			return true
		}
	}
	for uid, timeout := range had {
		if _, ok := has[uid]; !ok && timeout == string(externalapi.TimeoutSticky) {
			return true
		}
	}
	return false
}

// visibleState is a snapshot without the sandbox's own bookkeeping.
func visibleState(t *testing.T, m *meeting) map[string]any {
	s := m.snapshot(t)
	delete(s, "logs")
	delete(s, "control")
	delete(s, "meeting") // the shared meeting's connection: ops counted as the server answers, later
	return s
}

// commandsWithoutEffect have no effect in a browser in Jitsi either; the
// sandbox only confirms it handled them.
var commandsWithoutEffect = map[string]string{
	"show-pip":                 "Picture-in-Picture is Electron-only",
	"hide-pip":                 "Picture-in-Picture is Electron-only",
	"toggle-noise-suppression": "the map entry has no handler in Jitsi",
}

// renamedCommands pairs the commands jitsi-meet renamed (setAudioOnly became
// setLowBandwidthMode); the bridge sends the name the library has.
var renamedCommands = map[string]string{"setAudioOnly": "setLowBandwidthMode", "setLowBandwidthMode": "setAudioOnly"}

// step is one typed command call.
type step struct {
	command string // executeCommand name
	call    func(ctx context.Context) error
}

func TestEveryTypedCommandHasAnEffect(t *testing.T) {
	m, joined := join(t, "commands", externalapi.Options{UserInfo: &externalapi.UserInfo{DisplayName: "Alice"}})
	r := record(t, m)
	ctx := context.Background()

	// Someone to act on, and someone waiting in the lobby.
	bobJoined := make(chan externalapi.ParticipantJoined, 4)
	stopBob, err := m.OnParticipantJoined(func(e externalapi.ParticipantJoined) { bobJoined <- e })
	require.NoError(t, err)
	assert.Equal(t, 1, m.control(t, map[string]any{"action": "join", "id": "bob1", "name": "Bob"}))
	assert.Equal(t, externalapi.ParticipantID("bob1"), recv(t, bobJoined).ID)
	stopBob() // a handler that blocks would hold up every later event

	var breakoutID externalapi.RoomID
	var breakoutJID string
	findBreakout := func(ctx context.Context) error {
		rooms, err := m.ListBreakoutRooms(ctx)
		if err != nil {
			return err
		}
		for id, room := range rooms {
			if !room.IsMainRoom {
				breakoutID, breakoutJID = id, room.JID
			}
		}
		return nil
	}

	steps := []step{
		{"toggleLobby", func(context.Context) error { return m.ToggleLobby(true) }},
		{"answerKnockingParticipant", func(context.Context) error {
			knocked := make(chan externalapi.KnockingParticipant, 1)
			stop, err := m.OnKnockingParticipant(func(e externalapi.KnockingParticipant) { knocked <- e })
			if err != nil {
				return err
			}
			defer stop()
			m.control(t, map[string]any{"action": "knock", "id": "k1", "name": "Carol"})
			return m.AnswerKnockingParticipant(recv(t, knocked).Participant.ID, true)
		}},
		{"displayName", func(context.Context) error { return m.SetDisplayName("Alice A.") }},
		{"email", func(context.Context) error { return m.SetEmail("alice@example.com") }},
		{"avatarUrl", func(context.Context) error { return m.SetAvatarURL("https://example.com/alice.png") }},
		{"subject", func(context.Context) error { return m.SetSubject("Weekly") }},
		{"localSubject", func(context.Context) error { return m.SetLocalSubject("Mine") }},
		{"password", func(context.Context) error { return m.SetPassword("s3cret") }},
		{"toggleAudio", func(context.Context) error { return m.ToggleAudio() }},
		{"toggleVideo", func(context.Context) error { return m.ToggleVideo() }},
		{"toggleRaiseHand", func(context.Context) error { return m.ToggleRaiseHand() }},
		{"toggleShareScreen", func(context.Context) error { return m.ToggleShareScreen() }},
		{"toggleTileView", func(context.Context) error { return m.ToggleTileView() }},
		{"setTileView", func(context.Context) error { return m.SetTileView(false) }},
		{"toggleFilmStrip", func(context.Context) error { return m.ToggleFilmStrip() }},
		{"resizeFilmStrip", func(context.Context) error { return m.ResizeFilmStrip(240) }},
		{"resizeLargeVideo", func(context.Context) error { return m.ResizeLargeVideo(640, 360) }},
		{"toggleChat", func(context.Context) error { return m.ToggleChat() }},
		{"sendChatMessage", func(context.Context) error { return m.SendChatMessage("hello all", "", false) }},
		{"initiatePrivateChat", func(context.Context) error { return m.InitiatePrivateChat("bob1") }},
		{"cancelPrivateChat", func(context.Context) error { return m.CancelPrivateChat() }},
		{"sendEndpointTextMessage", func(context.Context) error { return m.SendEndpointTextMessage("bob1", "ping") }},
		{"toggleParticipantsPane", func(context.Context) error { return m.ToggleParticipantsPane(true) }},
		{"pinParticipant", func(context.Context) error { return m.PinParticipant("bob1", "") }},
		{"setLargeVideoParticipant", func(context.Context) error { return m.SetLargeVideoParticipant(joined.ID, "") }},
		{"setVideoQuality", func(context.Context) error { return m.SetVideoQuality(360) }},
		{"setAudioOnly", func(context.Context) error { return m.SetAudioOnly(true) }},
		{"setLowBandwidthMode", func(context.Context) error { return m.SetLowBandwidthMode(false) }},
		{"setAssumedBandwidthBps", func(context.Context) error { return m.SetAssumedBandwidthBps(1_000_000) }},
		{"setBlurredBackground", func(context.Context) error { return m.SetBlurredBackground(externalapi.Blur) }},
		{"setVirtualBackground", func(context.Context) error {
			return m.SetVirtualBackground(true, "data:image/png;base64,iVBORw0KGgo=")
		}},
		{"setNoiseSuppressionEnabled", func(context.Context) error { return m.SetNoiseSuppressionEnabled(true) }},
		{"toggleNoiseSuppression", func(context.Context) error { return m.ToggleNoiseSuppression() }},
		{"setFollowMe", func(context.Context) error { return m.SetFollowMe(true, false) }},
		{"toggleE2EE", func(context.Context) error { return m.ToggleE2EE(true) }},
		{"setMediaEncryptionKey", func(context.Context) error { return m.SetMediaEncryptionKey(make([]byte, 32), 1) }},
		{"setMeetingTimer", func(context.Context) error { return m.SetMeetingTimer(externalapi.MeetingTimer{DurationSeconds: 1800}) }},
		{"toggleCamera", func(context.Context) error { return m.ToggleCamera(externalapi.FacingEnvironment) }},
		{"toggleCameraMirror", func(context.Context) error { return m.ToggleCameraMirror() }},
		{"sendCameraFacingMode", func(context.Context) error { return m.SendCameraFacingMode("bob1", externalapi.FacingUser) }},
		{"toggleVirtualBackgroundDialog", func(context.Context) error { return m.ToggleVirtualBackgroundDialog() }},
		{"toggleWhiteboard", func(context.Context) error { return m.ToggleWhiteboard() }},
		{"toggleSubtitles", func(context.Context) error { return m.ToggleSubtitles() }},
		{"setSubtitles", func(context.Context) error { return m.SetSubtitles(true, true, "de") }},
		{"showNotification", func(context.Context) error {
			return m.ShowNotification(externalapi.Notification{Title: "Heads up", Description: "Recording soon", UID: "n1", Timeout: externalapi.TimeoutSticky})
		}},
		{"hideNotification", func(context.Context) error { return m.HideNotification("n1") }},
		{"startShareVideo", func(context.Context) error { return m.StartShareVideo("https://www.youtube.com/watch?v=abc") }},
		{"stopShareVideo", func(context.Context) error { return m.StopShareVideo() }},
		{"overwriteConfig", func(context.Context) error { return m.OverwriteConfig(externalapi.Config{"startWithAudioMuted": true}) }},
		{"overwriteNames", func(context.Context) error {
			return m.OverwriteNames(externalapi.NameOverrides{{ID: "bob1", Name: "Robert"}})
		}},
		{"setParticipantProperties", func(context.Context) error {
			return m.SetParticipantProperties(externalapi.ParticipantProperties{"mood": "focused"}, false)
		}},
		{"setParticipantVolume", func(context.Context) error { return m.SetParticipantVolume("bob1", 0.5) }},
		{"sendTones", func(context.Context) error { return m.SendTones(externalapi.Tones{Tones: "123#"}) }},
		{"submitFeedback", func(context.Context) error { return m.SubmitFeedback(externalapi.Feedback{Score: 5, Message: "good"}) }},
		{"grantRecordingConsent", func(context.Context) error { return m.GrantRecordingConsent(true) }},
		{"setSecondScreen", func(context.Context) error { return m.SetSecondScreen(externalapi.SecondScreen{ID: "default"}) }},
		{"showPiP", func(context.Context) error { return m.ShowPiP() }},
		{"hidePiP", func(context.Context) error { return m.HidePiP() }},
		{"toggleModeration", func(context.Context) error { return m.ToggleModeration(true, externalapi.Audio) }},
		// approveVideo has an effect only while video is moderated too.
		{"toggleModeration", func(context.Context) error { return m.ToggleModeration(true, externalapi.Video) }},
		{"askToUnmute", func(context.Context) error { return m.AskToUnmute("bob1") }},
		{"approveVideo", func(context.Context) error { return m.ApproveVideo("bob1") }},
		{"rejectParticipant", func(context.Context) error { return m.RejectParticipant("bob1", externalapi.Audio) }},
		{"muteRemoteParticipant", func(context.Context) error { return m.MuteRemoteParticipant("bob1", externalapi.Video) }},
		{"muteEveryone", func(context.Context) error { return m.MuteEveryone(externalapi.Audio) }},
		{"startRecording", func(context.Context) error {
			return m.StartRecording(externalapi.RecordingOptions{Mode: externalapi.RecordFile, ShouldShare: true})
		}},
		{"stopRecording", func(context.Context) error { return m.StopRecording(externalapi.RecordFile, false) }},
		{"addBreakoutRoom", func(context.Context) error { return m.AddBreakoutRoom("Room A") }},
		{"sendParticipantToRoom", func(ctx context.Context) error {
			if err := findBreakout(ctx); err != nil {
				return err
			}
			return m.SendParticipantToRoom("bob1", breakoutID)
		}},
		{"autoAssignToBreakoutRooms", func(context.Context) error { return m.AutoAssignToBreakoutRooms() }},
		{"joinBreakoutRoom", func(context.Context) error { return m.JoinBreakoutRoom(breakoutID) }},
		{"closeBreakoutRoom", func(context.Context) error { return m.CloseBreakoutRoom(breakoutID) }},
		{"removeBreakoutRoom", func(ctx context.Context) error {
			if err := m.AddBreakoutRoom("Room B"); err != nil {
				return err
			}
			r.awaitHandled(t, "add-breakout-room")
			if err := findBreakout(ctx); err != nil {
				return err
			}
			return m.RemoveBreakoutRoom(breakoutJID)
		}},
		{"grantModerator", func(context.Context) error { return m.GrantModerator("bob1") }},
		{"kickParticipant", func(context.Context) error { return m.KickParticipant("bob1") }},
		{"hangup", func(context.Context) error { return m.Hangup(false) }},
	}

	supported, err := m.SupportedCommands()
	require.NoError(t, err)
	inLibrary := map[string]bool{}
	for _, name := range supported {
		inLibrary[name] = true
	}
	covered := map[string]bool{}
	// check runs one step on meeting m and checks that it has an effect.
	check := func(m *meeting, r *recorder, s step) {
		t.Helper()
		// The name the bridge sends: the command's own, or its renamed form
		// when the library has only that one.
		sent := s.command
		if !inLibrary[sent] && inLibrary[renamedCommands[sent]] {
			sent = renamedCommands[sent]
		}
		if !inLibrary[sent] {
			// A library without the command: the bridge says so and
			// sends nothing.
			require.ErrorIs(t, s.call(ctx), externalapi.ErrUnsupported, s.command)
			t.Logf("%s: not in this library; ErrUnsupported", s.command)
			covered[s.command] = true
			return
		}
		wire := externalapi.Command{Name: sent}.Wire()
		require.NotEmpty(t, wire, s.command)
		r.settle(t, m)
		before, events := visibleState(t, m), r.eventCount()
		require.NoError(t, s.call(ctx), s.command)
		r.awaitHandled(t, wire)
		if reason, ok := commandsWithoutEffect[wire]; ok {
			t.Logf("%s: handled; no effect expected (%s)", s.command, reason)
		} else {
			assert.True(t, r.awaitEffect(t, m, before, events), "%s: no state change and no event", s.command)
		}
		covered[s.command] = true
	}
	for _, s := range steps {
		check(m, r, s)
	}
	// Ending the conference leaves nothing for hangup to do, and the other
	// way round: it has a meeting of its own.
	ender, _ := join(t, "commands-end", externalapi.Options{UserInfo: &externalapi.UserInfo{DisplayName: "Alice"}})
	check(ender, record(t, ender), step{"endConference", func(context.Context) error { return ender.EndConference() }})

	if realLibrary() {
		assert.NotContains(t, supported, "setAudioOnly", "the pinned jitsi-meet library has only setLowBandwidthMode: it is the one under test")
	} else {
		assert.Len(t, supported, 76, "the sandbox's library: the 75 of the spec and setLowBandwidthMode")
	}
	var missing []string
	for _, name := range supported {
		if !covered[name] {
			missing = append(missing, name)
		}
	}
	assert.Empty(t, missing, "commands without an end-to-end step: %s", strings.Join(missing, ", "))
}
