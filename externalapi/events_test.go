package externalapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// raw is shorthand for a json.RawMessage.
func raw(s string) json.RawMessage { return json.RawMessage(s) }

// eventSamples hold a payload of every event in the shape of events.md and
// the Go value it must decode to.
var eventSamples = []struct {
	payload string
	want    Event
}{
	{`{}`, PiPRequested{}},
	{`{}`, PiPEntered{}},
	{`{}`, PiPLeft{}},
	{`{"source":"s1"}`, SecondScreenSourceChanged{Payload: raw(`{"source":"s1"}`)}},
	{`{"id":"default"}`, SecondScreenClosed{Payload: raw(`{"id":"default"}`)}},
	{`{"error":"x"}`, SecondScreenError{Payload: raw(`{"error":"x"}`)}},
	{`{"id":"p1","avatarURL":"https://x/a.png"}`, AvatarChanged{ID: "p1", AvatarURL: "https://x/a.png"}},
	{`{"available":true}`, AudioAvailabilityChanged{Available: true}},
	{`{"muted":true}`, AudioMuteStatusChanged{Muted: true}},
	{`{"enabled":true}`, AudioOnlyChanged{Enabled: true}},
	{`{"mediaType":"video","value":"playing","participantId":"p1"}`, AudioOrVideoSharingToggled{MediaType: Video, Value: "playing", ParticipantID: "p1"}},
	{`{"rooms":{"r1":{"id":"r1","jid":"r1@b","name":"A","isMainRoom":false,"participants":{"u@x/1":{"displayName":"Bob","jid":"u@x/1","role":"participant"}}}}}`,
		BreakoutRoomsUpdated{Rooms: BreakoutRooms{"r1": {ID: "r1", JID: "r1@b", Name: "A", Participants: map[string]BreakoutParticipant{"u@x/1": {DisplayName: "Bob", JID: "u@x/1", Role: Participant}}}}}},
	{`{"supported":true}`, BrowserSupport{Supported: true}},
	{`{"type":"camera.permissionDenied","message":"denied"}`, CameraError{Type: "camera.permissionDenied", Message: "denied"}},
	{`{"unreadCount":3,"isOpen":false}`, ChatUpdated{UnreadCount: 3}},
	{`{"records":[{"source":"cpu","state":"nominal","time":12.5}]}`, ComputePressureChanged{Records: []PressureRecord{{Source: "cpu", State: "nominal", Time: 12.5}}}},
	{`{"timestamp":1795301093000}`, ConferenceCreatedTimestamp{Timestamp: 1795301093000}},
	{`{"data":["p1","p2"]}`, ContentSharingParticipantsChanged{ParticipantIDs: []ParticipantID{"p1", "p2"}}},
	{`{"data":{"id":"u1"}}`, CustomNotificationActionTriggered{Data: NotificationAction{ID: "u1"}}},
	{`{"code":1006,"reason":"gone"}`, DataChannelClosed{Code: 1006, Reason: "gone"}},
	{`{}`, DataChannelOpened{}},
	{`{"devices":{"audioInput":[{"deviceId":"m1","groupId":"g","kind":"audioinput","label":"Mic"}],"audioOutput":[],"videoInput":[]}}`,
		DeviceListChanged{Devices: DeviceList{AudioInput: []Device{{DeviceID: "m1", GroupID: "g", Kind: AudioInput, Label: "Mic"}}, AudioOutput: []Device{}, VideoInput: []Device{}}}},
	{`{"id":"p1","displayname":"Bob B","formattedDisplayName":"Bob B (me)"}`, DisplayNameChange{ID: "p1", DisplayName: "Bob B", FormattedDisplayName: "Bob B (me)"}},
	{`{"id":"p2"}`, DominantSpeakerChanged{ID: "p2"}},
	{`{"id":"p1","email":"b@x"}`, EmailChange{ID: "p1", Email: "b@x"}},
	{`{"error":{"name":"conference.connectionError","message":"lost","isFatal":true,"type":"CONNECTION","details":{"code":1}}}`,
		ErrorOccurred{Error: MeetingError{Name: "conference.connectionError", Message: "lost", IsFatal: true, Type: "CONNECTION", Details: raw(`{"code":1}`)}}},
	{`{"data":{"senderInfo":{"jid":"u@x/1","id":"p1"},"eventData":{"name":"endpoint-text-message","text":"ping"}}}`, func() Event {
		var e EndpointTextMessageReceived
		e.Data.SenderInfo.JID, e.Data.SenderInfo.ID = "u@x/1", "p1"
		e.Data.EventData.Name, e.Data.EventData.Text = "endpoint-text-message", "ping"
		return e
	}()},
	{`{"signal":{"sdp":"v=0"}}`, ExternalShareSignal{Signal: raw(`{"sdp":"v=0"}`)}},
	{`{"faceBox":{"left":10,"right":60,"width":50},"faceExpression":"happy"}`, FaceLandmarkDetected{FaceBox: &FaceBox{Left: 10, Right: 60, Width: 50}, FaceExpression: "happy"}},
	{`{"error":"rejected"}`, FeedbackSubmitted{Error: "rejected"}},
	{`{}`, FeedbackPromptDisplayed{}},
	{`{"fileId":"f1"}`, FileDeleted{FileID: "f1"}},
	{`{"file":{"fileId":"f1","fileName":"a.pdf"}}`, FileUploaded{File: raw(`{"fileId":"f1","fileName":"a.pdf"}`)}},
	{`{"visible":false}`, FilmstripDisplayChanged{}},
	{`{"from":"p2","message":"hello","nick":"Bob","privateMessage":true,"stamp":"2026-11-21T10:00:00Z","messageId":"m1","replyToMessageId":"m0"}`,
		IncomingMessage{From: "p2", Message: "hello", Nick: "Bob", PrivateMessage: true, Stamp: "2026-11-21T10:00:00Z", MessageID: "m1", ReplyToMessageID: "m0"}},
	{`{"participant":{"id":"k1","name":"Carol"}}`, KnockingParticipant{Participant: Knocker{ID: "k1", Name: "Carol"}}},
	{`{"logLevel":"error","args":["boom",3]}`, Log{LogLevel: "error", Args: []json.RawMessage{raw(`"boom"`), raw(`3`)}}},
	{`{"type":"mic.notFound","message":"none"}`, MicError{Type: "mic.notFound", Message: "none"}},
	{`{"id":"p1","mediaType":"audio"}`, ModerationParticipantApproved{ID: "p1", MediaType: Audio}},
	{`{"id":"p1","mediaType":"video"}`, ModerationParticipantRejected{ID: "p1", MediaType: Video}},
	{`{"mediaType":"audio","enabled":true}`, ModerationStatusChanged{MediaType: Audio, Enabled: true}},
	{`{"event":{"clientX":1,"clientY":2,"movementX":0,"movementY":0,"offsetX":1,"offsetY":2,"pageX":1,"pageY":2,"x":1,"y":2,"screenX":100,"screenY":200}}`,
		MouseEnter{Event: MouseInfo{ClientX: 1, ClientY: 2, OffsetX: 1, OffsetY: 2, PageX: 1, PageY: 2, X: 1, Y: 2, ScreenX: 100, ScreenY: 200}}},
	{`{"event":{"clientX":5}}`, MouseLeave{Event: MouseInfo{ClientX: 5}}},
	{`{"event":{"movementX":-3,"movementY":4}}`, MouseMove{Event: MouseInfo{MovementX: -3, MovementY: 4}}},
	{`{"id":"ep1","message":{"k":"v"}}`, NonParticipantMessageReceived{ID: "ep1", Message: raw(`{"k":"v"}`)}},
	{`{"title":"Muted","description":"by moderator"}`, NotificationTriggered{Title: "Muted", Description: "by moderator"}},
	{`{"message":"hi all","privateMessage":false}`, OutgoingMessage{Message: "hi all"}},
	{`{"isP2p":true}`, P2PStatusChanged{IsP2P: true}},
	{`{"id":"p2","displayName":"Bob","formattedDisplayName":"Bob","userContext":{"user":{"id":"u2"}}}`,
		ParticipantJoined{ID: "p2", DisplayName: "Bob", FormattedDisplayName: "Bob", UserContext: raw(`{"user":{"id":"u2"}}`)}},
	{`{"kicked":{"id":"p2","name":"Bob","local":false},"kicker":{"id":"p1","name":"Alice","local":true}}`,
		ParticipantKickedOut{Kicked: KickParty{ID: "p2", Name: "Bob"}, Kicker: KickParty{ID: "p1", Name: "Alice", Local: true}}},
	{`{"id":"p2"}`, ParticipantLeft{ID: "p2"}},
	{`{"id":"p2","isMuted":true,"mediaType":"video"}`, ParticipantMuted{ID: "p2", IsMuted: true, MediaType: Video}},
	{`{"id":"p2","role":"moderator"}`, ParticipantRoleChanged{ID: "p2", Role: Moderator}},
	{`{"open":true}`, ParticipantsPaneToggled{Open: true}},
	{`{}`, PasswordRequired{}},
	{`{"isP2P":false,"wasConnected":true}`, PeerConnectionFailure{WasConnected: true}},
	{`{"id":"local","displayName":"Alice","formattedDisplayName":"Alice (me)"}`, PrejoinScreenLoaded{ID: "local", DisplayName: "Alice", FormattedDisplayName: "Alice (me)"}},
	{`{"type":"offer","data":1}`, ProxyConnectionEvent{Payload: raw(`{"type":"offer","data":1}`)}},
	{`{"id":"p2","handRaised":1795301093000}`, RaiseHandUpdated{ID: "p2", HandRaised: 1795301093000}},
	{`{}`, Ready{}},
	{`{"open":true}`, RecordingConsentDialogOpen{Open: true}},
	{`{"link":"https://rec/1","ttl":86400}`, RecordingLinkAvailable{Link: "https://rec/1", TTL: 86400}},
	{`{"on":true,"mode":"file","transcription":false}`, RecordingStatusChanged{On: true, Mode: RecordFile}},
	{`{"key":"kick","participantId":"p2","preventExecution":true}`, ParticipantMenuButtonClick{Key: "kick", ParticipantID: "p2", PreventExecution: true}},
	{`{}`, ReadyToClose{}},
	{`{"roomName":"standup","id":"p1","displayName":"Alice","formattedDisplayName":"Alice (me)","avatarURL":"","breakoutRoom":false,"email":"a@x","visitor":false}`,
		VideoConferenceJoined{RoomName: "standup", ID: "p1", DisplayName: "Alice", FormattedDisplayName: "Alice (me)", Email: "a@x"}},
	{`{"roomName":"standup"}`, VideoConferenceLeft{RoomName: "standup"}},
	{`{"available":true}`, VideoAvailabilityChanged{Available: true}},
	{`{"muted":false}`, VideoMuteStatusChanged{}},
	{`{"videoQuality":720}`, VideoQualityChanged{VideoQuality: 720}},
	{`{"on":true,"details":{"sourceType":"screen"}}`, ScreenSharingStatusChanged{On: true, Details: ScreenSharingDetails{SourceType: "screen"}}},
	{`{"subject":"Weekly"}`, SubjectChange{Subject: "Weekly"}},
	{`{}`, SuspendDetected{}},
	{`{"enabled":true}`, TileViewChanged{Enabled: true}},
	{`{"key":"hangup","preventExecution":false}`, ToolbarButtonClicked{Key: "hangup"}},
	{`{"visible":true}`, ToolbarVisibilityChanged{Visible: true}},
	{`{"on":true}`, TranscribingStatusChanged{On: true}},
	{`{"data":{"messageID":"m1","language":"en","participant":{"id":"p2","name":"Bob"},"final":"hello"}}`, func() Event {
		var e TranscriptionChunkReceived
		e.Data.MessageID, e.Data.Language, e.Data.Final = "m1", "en", "hello"
		e.Data.Participant.ID, e.Data.Participant.Name = "p2", "Bob"
		return e
	}()},
	{`{"status":"SHOWN"}`, WhiteboardStatusChanged{Status: WhiteboardShown}},
	{`{"enabled":true}`, LowBandwidthModeChanged{Enabled: true}},
	{``, LargeVideoChanged{}},
	{``, PrejoinVideoChanged{}},
}

func TestEveryEventDecodes(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range eventSamples {
		name := tc.want.EventName()
		t.Run(name, func(t *testing.T) {
			got, err := DecodeEvent(name, []byte(tc.payload))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
		covered[name] = true
	}
	for _, e := range eventTable {
		assert.True(t, covered[e.Name], "event %s has no decoding test", e.Name)
	}
}

func TestMalformedPayloadsAreErrors(t *testing.T) {
	cases := map[string]string{
		"not an object":        `[1,2]`,
		"a string":             `"muted"`,
		"wrong field type":     `{"muted":"yes"}`,
		"truncated":            `{"muted":tr`,
		"number for a boolean": `{"muted":1}`,
	}
	for what, payload := range cases {
		t.Run(what, func(t *testing.T) {
			_, err := DecodeEvent("audioMuteStatusChanged", []byte(payload))
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "audioMuteStatusChanged", de.Event)
		})
	}
	_, err := DecodeEvent("noSuchEvent", []byte(`{}`))
	assert.ErrorContains(t, err, `unknown event "noSuchEvent"`)
}

func TestWireEventNamesMatchTheSpec(t *testing.T) {
	spec := loadSpec(t)
	for _, e := range spec.Events {
		info, ok := eventByName[e.Name]
		if assert.True(t, ok, "event %s missing", e.Name) {
			assert.Equal(t, e.Wire, info.Wire, e.Name)
		}
	}
}
