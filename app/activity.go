package app

import (
	"slices"

	"github.com/meetbridge/meetbridge/externalapi"
)

// Activity is what happened to a guest in the meeting, one line per event
// that concerns them, newest last: what a moderator did to them (mute,
// rights, moves, removal, end), and who came and went.
type Activity struct {
	Items []ActivityItem
	local externalapi.ParticipantID
}

// ActivityItem is one line of Activity: the typed event's name and what it
// means for the guest.
type ActivityItem struct {
	Event string
	Text  string
}

// maxActivity bounds the lines kept.
const maxActivity = 50

// Apply returns the activity after the event.
func (a Activity) Apply(e externalapi.Event) Activity {
	text := ""
	switch e := e.(type) {
	case externalapi.VideoConferenceJoined:
		a.local = e.ID
		text = "You joined " + e.RoomName + "."
		if e.BreakoutRoom {
			text = "You are in a breakout room."
		}
	case externalapi.AudioMuteStatusChanged:
		text = onOff(e.Muted, "Your microphone is off.", "Your microphone is on.")
	case externalapi.VideoMuteStatusChanged:
		text = onOff(e.Muted, "Your camera is off.", "Your camera is on.")
	case externalapi.ParticipantRoleChanged:
		if e.ID == a.local && e.Role == externalapi.Moderator {
			text = "You are a moderator now."
		}
	case externalapi.ModerationStatusChanged:
		text = onOff(e.Enabled, "A moderator turned on "+string(e.MediaType)+" moderation.", "A moderator turned off "+string(e.MediaType)+" moderation.")
	case externalapi.ModerationParticipantApproved:
		if e.ID == a.local {
			text = "A moderator allows your " + string(e.MediaType) + "."
		}
	case externalapi.ParticipantKickedOut:
		if e.Kicked.Local {
			text = "A moderator removed you from the meeting."
		}
	case externalapi.ParticipantJoined:
		text = nameOr(e.DisplayName, string(e.ID)) + " joined."
	case externalapi.ParticipantLeft:
		text = string(e.ID) + " left."
	case externalapi.IncomingMessage:
		text = nameOr(e.Nick, string(e.From)) + onOff(e.PrivateMessage, " (privately): ", ": ") + e.Message
	case externalapi.SubjectChange:
		text = "Subject: " + e.Subject
	case externalapi.ReadyToClose:
		text = "You are out of the meeting."
	}
	if text == "" {
		return a
	}
	items := append(slices.Clip(a.Items), ActivityItem{Event: e.EventName(), Text: text})
	if len(items) > maxActivity {
		items = items[len(items)-maxActivity:]
	}
	a.Items = items
	return a
}

// onOff picks a text by a flag.
func onOff(b bool, on, off string) string {
	if b {
		return on
	}
	return off
}

// guestEvents are the events a guest's page follows.
var guestEvents = []func(*externalapi.API, func(externalapi.Event)) (externalapi.Unsubscribe, error){
	on((*externalapi.API).OnVideoConferenceJoined),
	on((*externalapi.API).OnAudioMuteStatusChanged),
	on((*externalapi.API).OnVideoMuteStatusChanged),
	on((*externalapi.API).OnParticipantRoleChanged),
	on((*externalapi.API).OnModerationStatusChanged),
	on((*externalapi.API).OnModerationParticipantApproved),
	on((*externalapi.API).OnParticipantKickedOut),
	on((*externalapi.API).OnParticipantJoined),
	on((*externalapi.API).OnParticipantLeft),
	on((*externalapi.API).OnIncomingMessage),
	on((*externalapi.API).OnSubjectChange),
	on((*externalapi.API).OnReadyToClose),
}
