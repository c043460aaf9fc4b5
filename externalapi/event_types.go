package externalapi

import "encoding/json"

// BreakoutRooms maps room ids to rooms, as BreakoutRoomsUpdated and
// ListBreakoutRooms report them.
type BreakoutRooms map[RoomID]BreakoutRoom

// BreakoutRoom is the main room or a breakout room.
type BreakoutRoom struct {
	ID         RoomID `json:"id"`
	JID        string `json:"jid"`
	Name       string `json:"name"`
	IsMainRoom bool   `json:"isMainRoom"`
	// Participants are keyed by their JID.
	Participants map[string]BreakoutParticipant `json:"participants"`
}

// BreakoutParticipant is a participant in a breakout room listing.
type BreakoutParticipant struct {
	DisplayName string `json:"displayName"`
	JID         string `json:"jid"`
	Role        Role   `json:"role"`
}

// PressureRecord is one Compute Pressure API record.
type PressureRecord struct {
	Source string  `json:"source"`
	State  string  `json:"state"`
	Time   float64 `json:"time"`
}

// NotificationAction names the custom action that was clicked.
type NotificationAction struct {
	// ID is the action's UUID.
	ID string `json:"id"`
}

// MeetingError is an error the meeting reports.
type MeetingError struct {
	Name    string          `json:"name"`
	Message string          `json:"message"`
	IsFatal bool            `json:"isFatal"`
	Type    string          `json:"type"`
	Details json.RawMessage `json:"details,omitempty"`
}

// EndpointTextMessage is a data-channel text message.
type EndpointTextMessage struct {
	SenderInfo struct {
		JID string        `json:"jid"`
		ID  ParticipantID `json:"id"`
	} `json:"senderInfo"`
	EventData struct {
		Name string `json:"name"`
		Text string `json:"text"`
	} `json:"eventData"`
}

// FaceBox is where a face was detected, in percent of the video.
type FaceBox struct {
	Left  float64 `json:"left"`
	Right float64 `json:"right"`
	Width float64 `json:"width"`
}

// Knocker is a participant waiting in the lobby.
type Knocker struct {
	ID   ParticipantID `json:"id"`
	Name string        `json:"name"`
}

// MouseInfo holds the sanitised fields of a mouse event over the meeting.
type MouseInfo struct {
	ClientX   float64 `json:"clientX"`
	ClientY   float64 `json:"clientY"`
	MovementX float64 `json:"movementX"`
	MovementY float64 `json:"movementY"`
	OffsetX   float64 `json:"offsetX"`
	OffsetY   float64 `json:"offsetY"`
	PageX     float64 `json:"pageX"`
	PageY     float64 `json:"pageY"`
	X         float64 `json:"x"`
	Y         float64 `json:"y"`
	ScreenX   float64 `json:"screenX"`
	ScreenY   float64 `json:"screenY"`
}

// KickParty is the kicked participant or the kicker.
type KickParty struct {
	ID    ParticipantID `json:"id"`
	Name  string        `json:"name"`
	Local bool          `json:"local"`
}

// ScreenSharingDetails describes a screen share.
type ScreenSharingDetails struct {
	SourceType string `json:"sourceType,omitempty"`
}

// TranscriptionChunk is a piece of transcription.
type TranscriptionChunk struct {
	MessageID   string `json:"messageID"`
	Language    string `json:"language"`
	Participant struct {
		ID   ParticipantID `json:"id"`
		Name string        `json:"name"`
	} `json:"participant"`
	Final    string `json:"final,omitempty"`
	Stable   string `json:"stable,omitempty"`
	Unstable string `json:"unstable,omitempty"`
}
