package externalapi

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validCommands calls every command's method with valid arguments; want is
// the argument array that must reach executeCommand, as JSON.
var validCommands = []struct {
	name string
	call func(a *API) error
	want string
}{
	{"addBreakoutRoom", func(a *API) error { return a.AddBreakoutRoom("Room A") }, `["Room A"]`},
	{"answerKnockingParticipant", func(a *API) error { return a.AnswerKnockingParticipant("k1", true) }, `["k1",true]`},
	{"approveVideo", func(a *API) error { return a.ApproveVideo("p1") }, `["p1"]`},
	{"askToUnmute", func(a *API) error { return a.AskToUnmute("p1") }, `["p1"]`},
	{"autoAssignToBreakoutRooms", func(a *API) error { return a.AutoAssignToBreakoutRooms() }, `[]`},
	{"avatarUrl", func(a *API) error { return a.SetAvatarURL("https://x/a.png") }, `["https://x/a.png"]`},
	{"cancelPrivateChat", func(a *API) error { return a.CancelPrivateChat() }, `[]`},
	{"closeBreakoutRoom", func(a *API) error { return a.CloseBreakoutRoom("r1") }, `["r1"]`},
	{"displayName", func(a *API) error { return a.SetDisplayName("Alice") }, `["Alice"]`},
	{"endConference", func(a *API) error { return a.EndConference() }, `[]`},
	{"email", func(a *API) error { return a.SetEmail("a@example.com") }, `["a@example.com"]`},
	{"grantModerator", func(a *API) error { return a.GrantModerator("p1") }, `["p1"]`},
	{"grantRecordingConsent", func(a *API) error { return a.GrantRecordingConsent(true) }, `[true]`},
	{"hangup", func(a *API) error { return a.Hangup(false) }, `[false]`},
	{"hideNotification", func(a *API) error { return a.HideNotification("n1") }, `["n1"]`},
	{"initiatePrivateChat", func(a *API) error { return a.InitiatePrivateChat("p1") }, `["p1"]`},
	{"joinBreakoutRoom", func(a *API) error { return a.JoinBreakoutRoom("") }, `[]`},
	{"localSubject", func(a *API) error { return a.SetLocalSubject("Mine") }, `["Mine"]`},
	{"kickParticipant", func(a *API) error { return a.KickParticipant("p1") }, `["p1"]`},
	{"muteEveryone", func(a *API) error { return a.MuteEveryone(Video) }, `["video"]`},
	{"muteRemoteParticipant", func(a *API) error { return a.MuteRemoteParticipant("p1", "") }, `["p1"]`},
	{"overwriteConfig", func(a *API) error { return a.OverwriteConfig(Config{"startWithAudioMuted": true}) }, `[{"startWithAudioMuted":true}]`},
	{"overwriteNames", func(a *API) error { return a.OverwriteNames(NameOverrides{{ID: "p1", Name: "Bob"}}) }, `[[{"id":"p1","name":"Bob"}]]`},
	{"password", func(a *API) error { return a.SetPassword("s3cret") }, `["s3cret"]`},
	{"pinParticipant", func(a *API) error { return a.PinParticipant("p1", DesktopVideo) }, `["p1","desktop"]`},
	{"rejectParticipant", func(a *API) error { return a.RejectParticipant("p1", Audio) }, `["p1","audio"]`},
	{"removeBreakoutRoom", func(a *API) error { return a.RemoveBreakoutRoom("room@breakout.x") }, `["room@breakout.x"]`},
	{"resizeFilmStrip", func(a *API) error { return a.ResizeFilmStrip(200) }, `[{"width":200}]`},
	{"resizeLargeVideo", func(a *API) error { return a.ResizeLargeVideo(640, 360) }, `[640,360]`},
	{"sendCameraFacingMode", func(a *API) error { return a.SendCameraFacingMode("p1", FacingEnvironment) }, `["p1","environment"]`},
	{"sendChatMessage", func(a *API) error { return a.SendChatMessage("hi", "p1", false) }, `["hi","p1"]`},
	{"sendEndpointTextMessage", func(a *API) error { return a.SendEndpointTextMessage("p1", "ping") }, `["p1","ping"]`},
	{"sendParticipantToRoom", func(a *API) error { return a.SendParticipantToRoom("p1", "r1") }, `["p1","r1"]`},
	{"sendTones", func(a *API) error { return a.SendTones(Tones{Tones: "12#", DurationMillis: 200}) }, `[{"tones":"12#","duration":200}]`},
	{"setAudioOnly", func(a *API) error { return a.SetAudioOnly(true) }, `[true]`},
	{"setLowBandwidthMode", func(a *API) error { return a.SetLowBandwidthMode(true) }, `[true]`},
	{"setAssumedBandwidthBps", func(a *API) error { return a.SetAssumedBandwidthBps(EstimateBandwidth) }, `[-1]`},
	{"setBlurredBackground", func(a *API) error { return a.SetBlurredBackground(SlightBlur) }, `["slight-blur"]`},
	{"setFollowMe", func(a *API) error { return a.SetFollowMe(true, true) }, `[true,true]`},
	{"setLargeVideoParticipant", func(a *API) error { return a.SetLargeVideoParticipant("", "") }, `[]`},
	{"setMediaEncryptionKey", func(a *API) error { return a.SetMediaEncryptionKey([]byte{1, 2, 3}, 2) }, `["{\"exportedKey\":[1,2,3],\"index\":2}"]`},
	{"setMeetingTimer", func(a *API) error { return a.SetMeetingTimer(MeetingTimer{DurationSeconds: 1800}) }, `[{"duration":1800}]`},
	{"setNoiseSuppressionEnabled", func(a *API) error { return a.SetNoiseSuppressionEnabled(false) }, `[{"enabled":false}]`},
	{"setParticipantVolume", func(a *API) error { return a.SetParticipantVolume("p1", 0.5) }, `["p1",0.5]`},
	{"setSecondScreen", func(a *API) error { return a.SetSecondScreen(SecondScreen{}) }, `[{}]`},
	{"setSubtitles", func(a *API) error { return a.SetSubtitles(true, true, "de") }, `[true,true,"de"]`},
	{"setTileView", func(a *API) error { return a.SetTileView(false) }, `[false]`},
	{"setVideoQuality", func(a *API) error { return a.SetVideoQuality(720) }, `[720]`},
	{"setVirtualBackground", func(a *API) error { return a.SetVirtualBackground(true, "data:image/png;base64,AAAA") }, `[true,"data:image/png;base64,AAAA"]`},
	{"showNotification", func(a *API) error {
		return a.ShowNotification(Notification{Title: "T", Description: "D", Type: NotificationWarning, Timeout: TimeoutSticky, CustomActions: []NotificationButton{{Label: "OK", UUID: "u1"}}})
	}, `[{"title":"T","description":"D","type":"warning","timeout":"sticky","customActions":[{"label":"OK","uuid":"u1"}]}]`},
	{"startRecording", func(a *API) error {
		return a.StartRecording(RecordingOptions{Mode: RecordStream, YouTubeStreamKey: "k"})
	}, `[{"mode":"stream","youtubeStreamKey":"k"}]`},
	{"startShareVideo", func(a *API) error { return a.StartShareVideo("https://youtu.be/x") }, `["https://youtu.be/x"]`},
	{"stopRecording", func(a *API) error { return a.StopRecording(RecordFile, true) }, `["file",true]`},
	{"stopShareVideo", func(a *API) error { return a.StopShareVideo() }, `[]`},
	{"subject", func(a *API) error { return a.SetSubject("Standup") }, `["Standup"]`},
	{"submitFeedback", func(a *API) error { return a.SubmitFeedback(Feedback{Score: 5, Message: "great"}) }, `[{"score":5,"message":"great"}]`},
	{"toggleAudio", func(a *API) error { return a.ToggleAudio() }, `[]`},
	{"toggleCamera", func(a *API) error { return a.ToggleCamera(FacingUser) }, `["user"]`},
	{"toggleCameraMirror", func(a *API) error { return a.ToggleCameraMirror() }, `[]`},
	{"toggleChat", func(a *API) error { return a.ToggleChat() }, `[]`},
	{"toggleE2EE", func(a *API) error { return a.ToggleE2EE(true) }, `[true]`},
	{"toggleFilmStrip", func(a *API) error { return a.ToggleFilmStrip() }, `[]`},
	{"toggleLobby", func(a *API) error { return a.ToggleLobby(true) }, `[true]`},
	{"toggleModeration", func(a *API) error { return a.ToggleModeration(true, Video) }, `[true,"video"]`},
	{"toggleNoiseSuppression", func(a *API) error { return a.ToggleNoiseSuppression() }, `[]`},
	{"toggleParticipantsPane", func(a *API) error { return a.ToggleParticipantsPane(true) }, `[true]`},
	{"toggleRaiseHand", func(a *API) error { return a.ToggleRaiseHand() }, `[]`},
	{"toggleShareScreen", func(a *API) error { return a.ToggleShareScreen() }, `[]`},
	{"toggleSubtitles", func(a *API) error { return a.ToggleSubtitles() }, `[]`},
	{"toggleTileView", func(a *API) error { return a.ToggleTileView() }, `[]`},
	{"toggleVirtualBackgroundDialog", func(a *API) error { return a.ToggleVirtualBackgroundDialog() }, `[]`},
	{"toggleVideo", func(a *API) error { return a.ToggleVideo() }, `[]`},
	{"toggleWhiteboard", func(a *API) error { return a.ToggleWhiteboard() }, `[]`},
	{"showPiP", func(a *API) error { return a.ShowPiP() }, `[]`},
	{"hidePiP", func(a *API) error { return a.HidePiP() }, `[]`},
	{"setParticipantProperties", func(a *API) error {
		return a.SetParticipantProperties(ParticipantProperties{"mood": "happy"}, true)
	}, `[{"mood":"happy"},true]`},
}

func TestEveryCommandSendsItsWireForm(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range validCommands {
		t.Run(tc.name, func(t *testing.T) {
			a, f := newFakeAPI()
			defer a.Dispose()
			require.NoError(t, tc.call(a))
			c, ok := f.last()
			require.True(t, ok, "nothing sent")
			assert.Equal(t, tc.name, c.Name)
			got, err := json.Marshal(c.Args)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(got))
		})
		covered[tc.name] = true
	}
	for _, c := range commandTable {
		assert.True(t, covered[c.Name], "command %s has no wire-form test", c.Name)
	}
}

func TestWireNamesMatchTheSpec(t *testing.T) {
	spec := loadSpec(t)
	for _, c := range spec.Commands {
		assert.Equal(t, c.Wire, Command{Name: c.Name}.Wire(), c.Name)
	}
	assert.Equal(t, "", Command{Name: "noSuchCommand"}.Wire())
}

// invalidCommands are rejected before anything is sent.
var invalidCommands = []struct {
	name, param, reason string
	call                func(a *API) error
}{
	{"setParticipantVolume", "volume", "outside 0..1", func(a *API) error { return a.SetParticipantVolume("p1", 1.5) }},
	{"setParticipantVolume", "volume", "outside 0..1", func(a *API) error { return a.SetParticipantVolume("p1", -0.1) }},
	{"setParticipantVolume", "volume", "outside 0..1", func(a *API) error { return a.SetParticipantVolume("p1", Volume(math.NaN())) }},
	{"setParticipantVolume", "participantID", "is required", func(a *API) error { return a.SetParticipantVolume("", 0.5) }},
	{"muteEveryone", "mediaType", "unknown media type", func(a *API) error { return a.MuteEveryone("screen") }},
	{"muteRemoteParticipant", "mediaType", "unknown media type", func(a *API) error { return a.MuteRemoteParticipant("p1", "both") }},
	{"toggleModeration", "mediaType", "unknown media type", func(a *API) error { return a.ToggleModeration(true, "AUDIO") }},
	{"stopRecording", "mode", "unknown recording mode", func(a *API) error { return a.StopRecording("tape", false) }},
	{"stopRecording", "mode", "is required", func(a *API) error { return a.StopRecording("", false) }},
	{"startRecording", "options", "unknown recording mode", func(a *API) error { return a.StartRecording(RecordingOptions{Mode: "cloud"}) }},
	{"startRecording", "options", "needs an RTMP or YouTube stream key", func(a *API) error { return a.StartRecording(RecordingOptions{Mode: RecordStream}) }},
	{"startRecording", "options", "need stream mode", func(a *API) error {
		return a.StartRecording(RecordingOptions{Mode: RecordFile, RTMPStreamKey: "k"})
	}},
	{"startRecording", "options", "onlySelf needs local mode", func(a *API) error { return a.StartRecording(RecordingOptions{Mode: RecordFile, OnlySelf: true}) }},
	{"pinParticipant", "videoType", "unknown video type", func(a *API) error { return a.PinParticipant("p1", "screen") }},
	{"toggleCamera", "facingMode", "unknown facing mode", func(a *API) error { return a.ToggleCamera("front") }},
	{"setBlurredBackground", "blurType", "unknown blur type", func(a *API) error { return a.SetBlurredBackground("heavy") }},
	{"setBlurredBackground", "blurType", "is required", func(a *API) error { return a.SetBlurredBackground("") }},
	{"resizeFilmStrip", "width", "is required", func(a *API) error { return a.ResizeFilmStrip(0) }},
	{"resizeLargeVideo", "height", "not a positive length", func(a *API) error { return a.ResizeLargeVideo(640, -1) }},
	{"setVideoQuality", "frameHeight", "outside 1..4320", func(a *API) error { return a.SetVideoQuality(9999) }},
	{"setAssumedBandwidthBps", "value", "negative", func(a *API) error { return a.SetAssumedBandwidthBps(-5) }},
	{"setVirtualBackground", "image", "not a data:image/ URL", func(a *API) error { return a.SetVirtualBackground(true, "https://x/bg.png") }},
	{"sendTones", "tones", "not a DTMF character", func(a *API) error { return a.SendTones(Tones{Tones: "12x"}) }},
	{"sendTones", "tones", "is required", func(a *API) error { return a.SendTones(Tones{}) }},
	{"setMeetingTimer", "timer", "must not be negative", func(a *API) error { return a.SetMeetingTimer(MeetingTimer{DurationSeconds: -1}) }},
	{"showNotification", "notification", "unknown notification type", func(a *API) error {
		return a.ShowNotification(Notification{Title: "T", Type: "fancy"})
	}},
	{"showNotification", "notification", "neither title nor description", func(a *API) error { return a.ShowNotification(Notification{}) }},
	{"submitFeedback", "feedback", "outside 1..5", func(a *API) error { return a.SubmitFeedback(Feedback{Score: 9}) }},
	{"overwriteNames", "names", "has no participant id", func(a *API) error { return a.OverwriteNames(NameOverrides{{Name: "x"}}) }},
	{"overwriteConfig", "config", "is required", func(a *API) error { return a.OverwriteConfig(nil) }},
	{"kickParticipant", "participantID", "is required", func(a *API) error { return a.KickParticipant("") }},
	{"sendChatMessage", "message", "is required", func(a *API) error { return a.SendChatMessage("", "", false) }},
	{"setMediaEncryptionKey", "key", "key is empty", func(a *API) error { return a.SetMediaEncryptionKey([]byte{}, 0) }},
	{"setMediaEncryptionKey", "key", "negative", func(a *API) error { return a.SetMediaEncryptionKey(nil, -1) }},
}

func TestInvalidArgumentsAreRejectedBeforeSending(t *testing.T) {
	for _, tc := range invalidCommands {
		t.Run(tc.name+"/"+tc.param, func(t *testing.T) {
			a, f := newFakeAPI()
			defer a.Dispose()
			err := tc.call(a)
			var ae *ArgumentError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.name, ae.Command)
			assert.Equal(t, tc.param, ae.Param)
			assert.Contains(t, err.Error(), tc.reason)
			_, sent := f.last()
			assert.False(t, sent, "an invalid command was sent")
		})
	}
}

func TestExecuteCommandEscapeHatch(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	require.NoError(t, a.ExecuteCommand("toggleWhiteboard", true))
	c, _ := f.last()
	assert.Equal(t, Command{Name: "toggleWhiteboard", Args: []any{true}}, c)

	err := a.ExecuteCommand("noSuchCommand")
	assert.ErrorIs(t, err, ErrUnknownCommand)

	// ExecuteCommands checks every name before sending any.
	err = a.ExecuteCommands(Command{Name: "toggleAudio"}, Command{Name: "bogus"})
	assert.ErrorIs(t, err, ErrUnknownCommand)
	assert.Len(t, f.commands, 1)
	require.NoError(t, a.ExecuteCommands(Command{Name: "toggleAudio"}, Command{Name: "displayName", Args: []any{"Z"}}))
	assert.Equal(t, []Command{{Name: "toggleWhiteboard", Args: []any{true}}, {Name: "toggleAudio", Args: []any{}}, {Name: "displayName", Args: []any{"Z"}}}, f.commands)
}

func TestCommandsAfterDisposeFail(t *testing.T) {
	a, f := newFakeAPI()
	require.NoError(t, a.Dispose())
	assert.ErrorIs(t, a.ToggleAudio(), ErrDisposed)
	assert.Empty(t, f.commands)
	assert.True(t, errors.Is(a.ExecuteCommand("toggleAudio"), ErrDisposed))
}
