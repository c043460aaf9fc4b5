//go:build js && wasm

package app

import (
	"runtime"
	"testing"
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consoleUnderTest is a console mounted with an injected session and grant,
// in a meeting of the test double.
type consoleUnderTest struct {
	c    *Console
	e    goapp.TestEngine
	d    double
	sync *bridgeSync
}

// mountConsole mounts a console that joins at once, without any server.
func mountConsole(t *testing.T) *consoleUnderTest {
	t.Helper()
	mountPoint(t)
	c := &Console{
		Session:     &Session{SignedIn: true, User: "mod", Moderator: true},
		Grant:       &Grant{Provider: "jitsi", Domain: "meet.test", RoomName: "standup", JWT: "moderator-token", ScriptURL: "https://meet.test/external_api.js", Moderator: true},
		ProviderFor: fakeProviderFor,
	}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(c))
	unmountAtEnd(t, e)
	e.ConsumeAll() // mounts, creates the meeting and subscribes
	require.NotNil(t, c.api, "the meeting was created")
	d := lastDouble(t)
	assert.Equal(t, `"standup"`, d.option("roomName"))
	assert.Equal(t, `"moderator-token"`, d.option("jwt"))
	return &consoleUnderTest{c: c, e: e, d: d, sync: newBridgeSync(t, c.api, d, e)}
}

// joinMeeting emits the local join, with the API's participant cache
// holding an earlier participant, and two participants joining after.
func (m *consoleUnderTest) joinMeeting() {
	m.d.setResult("getParticipantsInfo", `[{"participantId":"me","displayName":"Mod"},{"participantId":"p0","displayName":"Early"}]`)
	m.d.emit("videoConferenceJoined", `{"roomName":"standup","id":"me","displayName":"Mod"}`)
	m.d.emit("participantJoined", `{"id":"p1","displayName":"Ada"}`)
	m.d.emit("participantJoined", `{"id":"p2","displayName":"Bob"}`)
	m.sync.settle()
}

func TestConsoleEventsUpdateTheParticipantList(t *testing.T) {
	m := mountConsole(t)
	assert.Equal(t, "Nobody has joined yet.", textOf(t, ".console .participants p.muted"))

	m.joinMeeting()
	assert.Equal(t, 4, count(t, ".console li.participant"))
	assert.Contains(t, textOf(t, `.console li[data-participant="me"]`), "you")
	assert.Contains(t, textOf(t, `.console li[data-participant="p0"]`), "Early", "seeded from ParticipantsInfo")
	assert.Equal(t, 0, count(t, `.console li[data-participant="me"] button`), "no actions on oneself")

	m.d.emit("displayNameChange", `{"id":"p1","displayname":"Ada L."}`)
	m.d.emit("participantMuted", `{"id":"p1","isMuted":true,"mediaType":"audio"}`)
	m.d.emit("participantMuted", `{"id":"p1","isMuted":true,"mediaType":"video"}`)
	m.d.emit("raiseHandUpdated", `{"id":"p1","handRaised":1700000000000}`)
	m.d.emit("participantRoleChanged", `{"id":"p1","role":"moderator"}`)
	m.d.emit("participantLeft", `{"id":"p0"}`)
	m.sync.settle()

	ada := textOf(t, `.console li[data-participant="p1"]`)
	for _, want := range []string{"Ada L.", "moderator", "mic off", "camera off", "hand raised"} {
		assert.Contains(t, ada, want)
	}
	assert.Equal(t, 0, count(t, `.console li[data-participant="p1"] button.grant-moderator`), "already a moderator")
	assert.Equal(t, 1, count(t, `.console li[data-participant="p2"] button.grant-moderator`))
	assert.True(t, query(t, `.console li[data-participant="p0"]`).IsNull(), "p0 left")
	assert.Equal(t, "Participants (3)", textOf(t, ".console .participants h3"))

	// p0's leaving shifted the rows: each row's buttons act on whoever the
	// row shows now.
	click(t, `.console li[data-participant="p2"] button.kick`)
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "kickParticipant", Args: []any{"p2"}}, m.d.lastCommand())
	click(t, `.console li[data-participant="p1"] button.ask-to-unmute`)
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "askToUnmute", Args: []any{"p1"}}, m.d.lastCommand())

	m.d.emit("raiseHandUpdated", `{"id":"p1","handRaised":0}`)
	m.d.emit("participantMuted", `{"id":"p1","isMuted":false,"mediaType":"audio"}`)
	m.sync.settle()
	ada = textOf(t, `.console li[data-participant="p1"]`)
	assert.NotContains(t, ada, "hand raised")
	assert.NotContains(t, ada, "mic off")
	assert.Contains(t, ada, "camera off")
}

func TestConsoleLobbyQueueAndAnswers(t *testing.T) {
	m := mountConsole(t)
	m.joinMeeting()
	assert.Equal(t, "Nobody is waiting.", textOf(t, ".console .lobby p.muted"))

	m.d.emit("knockingParticipant", `{"participant":{"id":"k1","name":"Kim"}}`)
	m.d.emit("knockingParticipant", `{"participant":{"id":"k2","name":"Lee"}}`)
	m.d.emit("knockingParticipant", `{"participant":{"id":"k3","name":"Max"}}`)
	m.sync.settle()
	assert.Equal(t, 3, count(t, ".console li.knocker"))
	assert.Equal(t, "Kim", textOf(t, `.console li[data-knocker="k1"] .name`))

	click(t, `.console li[data-knocker="k1"] button.admit`)
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "answerKnockingParticipant", Args: []any{"k1", true}}, m.d.lastCommand())
	assert.True(t, query(t, `.console li[data-knocker="k1"]`).IsNull(), "an admitted knocker leaves the queue")

	click(t, `.console li[data-knocker="k2"] button.reject`)
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "answerKnockingParticipant", Args: []any{"k2", false}}, m.d.lastCommand())

	// Someone else admitted k3: the join takes them out of the queue.
	m.d.emit("participantJoined", `{"id":"k3","displayName":"Max"}`)
	m.sync.settle()
	assert.Equal(t, 0, count(t, ".console li.knocker"))
	assert.Equal(t, 1, count(t, `.console li[data-participant="k3"]`))

	click(t, ".console button.toggle-lobby")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "toggleLobby", Args: []any{true}}, m.d.lastCommand())
	assert.Equal(t, "The lobby is on.", textOf(t, ".console .lobby-state"))
	click(t, ".console button.toggle-lobby")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "toggleLobby", Args: []any{false}}, m.d.lastCommand())
}

func TestConsoleClicksSendCommands(t *testing.T) {
	m := mountConsole(t)
	m.joinMeeting()
	m.d.emit("breakoutRoomsUpdated", `{"rooms":{
		"main":{"id":"main","jid":"main@conference.meet.test","name":"Main","isMainRoom":true,"participants":{}},
		"r1":{"id":"r1","jid":"r1@breakout.meet.test","name":"Alpha","isMainRoom":false,"participants":{"ada@x":{"displayName":"Ada","jid":"ada@x","role":"participant"}}}}}`)
	m.sync.settle()

	cases := []struct {
		selector string
		want     command
	}{
		{".console button.mute-all-audio", command{Name: "muteEveryone", Args: []any{"audio"}}},
		{".console button.mute-all-video", command{Name: "muteEveryone", Args: []any{"video"}}},
		{`.console li[data-participant="p1"] button.kick`, command{Name: "kickParticipant", Args: []any{"p1"}}},
		{`.console li[data-participant="p2"] button.mute-audio`, command{Name: "muteRemoteParticipant", Args: []any{"p2", "audio"}}},
		{`.console li[data-participant="p2"] button.mute-video`, command{Name: "muteRemoteParticipant", Args: []any{"p2", "video"}}},
		{`.console li[data-participant="p2"] button.grant-moderator`, command{Name: "grantModerator", Args: []any{"p2"}}},
		{".console button.start-recording", command{Name: "startRecording", Args: []any{map[string]any{"mode": "file"}}}},
		{".console button.tile-view", command{Name: "setTileView", Args: []any{true}}},
		{".console button.raise-hand", command{Name: "toggleRaiseHand", Args: []any{}}},
		{".console button.auto-assign", command{Name: "autoAssignToBreakoutRooms", Args: []any{}}},
		{".console button.add-room", command{Name: "addBreakoutRoom", Args: []any{}}},
		{`.console li[data-room="r1"] button.close-room`, command{Name: "closeBreakoutRoom", Args: []any{"r1"}}},
		{`.console li[data-room="r1"] button.remove-room`, command{Name: "removeBreakoutRoom", Args: []any{"r1@breakout.meet.test"}}},
	}
	for _, tc := range cases {
		click(t, tc.selector)
		m.e.ConsumeAll()
		assert.Equal(t, tc.want, m.d.lastCommand(), tc.selector)
	}
	assert.Equal(t, 0, count(t, ".console .panel .error"), "no command failed")

	// Stop applies only while a recording runs; start only while none does.
	assert.True(t, disabled(t, ".console button.stop-recording"))
	m.d.emit("recordingStatusChanged", `{"on":true,"mode":"file"}`)
	m.d.emit("recordingStatusChanged", `{"on":true,"mode":"stream"}`)
	m.sync.settle()
	assert.True(t, disabled(t, ".console button.start-recording"))
	for sel, want := range map[string]command{
		".console button.stop-recording": {Name: "stopRecording", Args: []any{"file"}},
		".console button.stop-stream":    {Name: "stopRecording", Args: []any{"stream"}},
	} {
		click(t, sel)
		m.e.ConsumeAll()
		assert.Equal(t, want, m.d.lastCommand(), sel)
	}

	// Inputs: a subject, a named breakout room, a participant sent to a room.
	setValue(t, "#subject-input", "Planning", "input")
	click(t, ".console button.set-subject")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "subject", Args: []any{"Planning"}}, m.d.lastCommand())

	setValue(t, "#breakout-name", "  Beta ", "input")
	click(t, ".console button.add-room")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "addBreakoutRoom", Args: []any{"Beta"}}, m.d.lastCommand())
	v, _ := mustQuery(t, "#breakout-name").Get("value")
	s, _ := v.String()
	assert.Empty(t, s, "the name field is cleared")

	setValue(t, `.console li[data-participant="p2"] select.send-to-room`, "r1", "change")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "sendParticipantToRoom", Args: []any{"p2", "r1"}}, m.d.lastCommand())

	// Ending the meeting asks first.
	n := len(m.d.commands())
	click(t, ".console button.end-conference")
	m.e.ConsumeAll()
	assert.Len(t, m.d.commands(), n, "nothing sent before the confirmation")
	click(t, ".console button.end-cancel")
	m.e.ConsumeAll()
	click(t, ".console button.end-conference")
	m.e.ConsumeAll()
	click(t, ".console button.end-confirm")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "endConference", Args: []any{}}, m.d.lastCommand())
	assert.Equal(t, 1, count(t, ".console button.end-conference"), "the confirmation is gone")
}

func TestConsoleShowsCommandErrors(t *testing.T) {
	m := mountConsole(t)
	m.joinMeeting()
	n := len(m.d.commands())

	click(t, ".console button.start-stream")
	m.e.ConsumeAll()
	assert.Len(t, m.d.commands(), n, "the bridge refused before sending")
	assert.Equal(t, "startRecording refused: options stream mode needs an RTMP or YouTube stream key", textOf(t, ".console .recording .error"))

	setValue(t, "#stream-key", "abcd-efgh", "input")
	click(t, ".console button.start-stream")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "startRecording", Args: []any{map[string]any{"mode": "stream", "youtubeStreamKey": "abcd-efgh"}}}, m.d.lastCommand())
	assert.True(t, query(t, ".console .recording .error").IsNull(), "a successful command clears the error")

	setValue(t, "#stream-service", StreamRTMP, "change")
	setValue(t, "#stream-key", "rtmp://live.example/app/key", "input")
	click(t, ".console button.start-stream")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "startRecording", Args: []any{map[string]any{"mode": "stream", "rtmpStreamKey": "rtmp://live.example/app/key"}}}, m.d.lastCommand())

	// A room reported without a JID cannot be removed: the bridge says so.
	m.d.emit("breakoutRoomsUpdated", `{"rooms":{"r9":{"id":"r9","name":"No JID","participants":{}}}}`)
	m.sync.settle()
	click(t, `.console li[data-room="r9"] button.remove-room`)
	m.e.ConsumeAll()
	assert.Equal(t, "removeBreakoutRoom refused: breakoutRoomJID is required", textOf(t, ".console .breakout .error"))

	// Recording state and links from the meeting.
	m.d.emit("recordingStatusChanged", `{"on":true,"mode":"file","transcription":false}`)
	m.d.emit("recordingLinkAvailable", `{"link":"https://rec.example/1","ttl":86400}`)
	m.sync.settle()
	assert.Equal(t, "Recording on · stream off", textOf(t, ".console .recording-status"))
	href, _ := mustQuery(t, ".console .recording-links a").Get("href")
	h, _ := href.String()
	assert.Equal(t, "https://rec.example/1", h)
	m.d.emit("recordingStatusChanged", `{"on":false,"mode":"stream","error":"recording.failedToStart"}`)
	m.sync.settle()
	assert.Equal(t, "The meeting reports: recording.failedToStart", textOf(t, ".console .recording-error"))

	// A payload that does not decode is reported in the panel. The bridge
	// runs error handlers in the order they subscribed, on a goroutine of
	// their own: once the test's handler (subscribed after the console's)
	// has run, the console's has dispatched its update.
	reported := make(chan struct{}, 1)
	_, err := m.c.api.OnError(func(error) { reported <- struct{}{} })
	require.NoError(t, err)
	m.d.emit("participantJoined", `{"id":42}`)
	select {
	case <-reported:
	case <-time.After(guard):
		t.Fatal("the malformed payload was not reported")
	}
	m.e.ConsumeAll()
	assert.Contains(t, textOf(t, ".console .console-panel > .error"), "participantJoined: malformed payload")
}

func TestConsoleSubjectTileViewAndHandFollowEvents(t *testing.T) {
	m := mountConsole(t)
	m.joinMeeting()
	m.d.emit("subjectChange", `{"subject":"Retro"}`)
	m.d.emit("tileViewChanged", `{"enabled":true}`)
	m.d.emit("raiseHandUpdated", `{"id":"me","handRaised":1}`)
	m.sync.settle()
	assert.Equal(t, "Subject: Retro", textOf(t, ".console .subject"))
	assert.Equal(t, "Leave tile view", textOf(t, ".console button.tile-view"))
	assert.Equal(t, "Lower hand", textOf(t, ".console button.raise-hand"))
	click(t, ".console button.tile-view")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "setTileView", Args: []any{false}}, m.d.lastCommand())
}

func TestConsoleKeepsTheIframeAcrossUpdates(t *testing.T) {
	m := mountConsole(t)
	frame := iframeIn(t, ConsoleMeetingElementID)
	require.False(t, frame.IsNull())
	m.joinMeeting()
	m.d.emit("knockingParticipant", `{"participant":{"id":"k1","name":"Kim"}}`)
	m.sync.settle()
	click(t, ".console button.mute-all-audio")
	m.e.ConsumeAll()
	runtime.GC() // sameObject must hold even when the GC ran in between
	assert.True(t, sameObject(iframeIn(t, ConsoleMeetingElementID), frame), "the panel's updates never replace the meeting")

	click(t, ".console .meeting-info button.leave")
	m.e.ConsumeAll()
	disposed, _ := m.d.obj.Get("disposed")
	d, _ := disposed.Bool()
	assert.True(t, d, "leaving disposes the meeting")
	assert.Equal(t, 1, count(t, ".console .join-form"))
}

func TestConsoleModerationChatAndParticipantTools(t *testing.T) {
	m := mountConsole(t)
	m.joinMeeting()
	m.d.emit("moderationStatusChanged", `{"mediaType":"audio","enabled":true}`)
	m.d.emit("moderationStatusChanged", `{"mediaType":"video","enabled":true}`)
	m.sync.settle()
	assert.Equal(t, "Turn off audio moderation", textOf(t, ".console button.toggle-moderation-audio"))
	assert.Contains(t, textOf(t, `.console li[data-participant="p1"]`), "needs approval", "moderation holds Ada")

	cases := []struct {
		selector string
		want     command
	}{
		{".console button.toggle-moderation-audio", command{Name: "toggleModeration", Args: []any{false, "audio"}}},
		{`.console li[data-participant="p1"] button.ask-to-unmute`, command{Name: "askToUnmute", Args: []any{"p1"}}},
		{`.console li[data-participant="p1"] button.approve-video`, command{Name: "approveVideo", Args: []any{"p1"}}},
		{`.console li[data-participant="p1"] button.pin`, command{Name: "pinParticipant", Args: []any{"p1"}}},
		{`.console li[data-participant="p1"] button.stage`, command{Name: "setLargeVideoParticipant", Args: []any{"p1"}}},
	}
	for _, tc := range cases {
		click(t, tc.selector)
		m.e.ConsumeAll()
		assert.Equal(t, tc.want, m.d.lastCommand(), tc.selector)
	}
	// An approval can be taken back.
	m.d.emit("moderationParticipantApproved", `{"id":"p1","mediaType":"audio"}`)
	m.sync.settle()
	click(t, `.console li[data-participant="p1"] button.revoke-audio`)
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "rejectParticipant", Args: []any{"p1", "audio"}}, m.d.lastCommand())
	setValue(t, `.console li[data-participant="p2"] input.volume`, "40", "change")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "setParticipantVolume", Args: []any{"p2", 0.4}}, m.d.lastCommand())

	// Password: lock, then unlock.
	assert.True(t, disabled(t, ".console button.clear-password"), "nothing to unlock yet")
	setValue(t, "#password-input", "s3cret", "input")
	m.e.ConsumeAll()
	click(t, ".console button.set-password")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "password", Args: []any{"s3cret"}}, m.d.lastCommand())
	click(t, ".console button.clear-password")
	m.e.ConsumeAll()
	assert.Equal(t, command{Name: "password", Args: []any{""}}, m.d.lastCommand())

	// Chat: privately to Bob, and what comes in.
	setValue(t, "#chat-to", "p2", "change")
	setValue(t, "#chat-text", "hi Bob", "input")
	m.e.ConsumeAll()
	click(t, ".console button.send-chat")
	m.e.ConsumeAll()
	assert.Equal(t, "sendChatMessage", m.d.lastCommand().Name)
	assert.Equal(t, []any{"hi Bob", "p2"}, m.d.lastCommand().Args[:2])
	m.d.emit("incomingMessage", `{"from":"p2","nick":"Bob","message":"hello","privateMessage":true}`)
	m.sync.settle()
	assert.Contains(t, textOf(t, ".console .chat-messages"), "Bob (private): hello")

	// A camera failure is an alert.
	m.d.emit("cameraError", `{"type":"gum.permission_denied","message":"Permission denied"}`)
	m.sync.settle()
	assert.Contains(t, textOf(t, ".console .alerts"), "Camera failed: Permission denied")
}

func TestConsoleAfterTheMeetingEnded(t *testing.T) {
	m := mountConsole(t)
	m.joinMeeting()
	assert.False(t, disabled(t, ".console button.mute-all-audio"))
	m.d.emit("videoConferenceLeft", `{"roomName":"standup"}`)
	m.d.emit("readyToClose", `{}`)
	m.sync.settle()
	for _, sel := range []string{".mute-all-audio", ".end-conference", ".toggle-moderation-audio", ".tile-view", ".start-recording", ".add-room", ".toggle-lobby"} {
		assert.True(t, disabled(t, ".console button"+sel), sel+" after the end")
	}
	assert.Equal(t, "The meeting has ended.", textOf(t, ".console .participants p.muted"))
	assert.Equal(t, 1, count(t, ".console button.join-again"), "the console offers to join again")
}
