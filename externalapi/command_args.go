package externalapi

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Config is a set of config.js values, as given to OverwriteConfig and to the
// ConfigOverwrite option.
type Config map[string]any

// NameOverride replaces the name shown for one participant.
type NameOverride struct {
	ID   ParticipantID `json:"id"`
	Name string        `json:"name"`
}

// NameOverrides is the list given to OverwriteNames.
type NameOverrides []NameOverride

// Validate reports whether every override names a participant.
func (n NameOverrides) Validate() error {
	for i, o := range n {
		if o.ID == "" {
			return fmt.Errorf("name override %d has no participant id", i)
		}
	}
	return nil
}

// ParticipantProperties are presence properties of the local participant;
// the meeting accepts string values only.
type ParticipantProperties map[string]string

// Tones are DTMF tones to send with SendTones.
type Tones struct {
	// Tones holds the digits to send: 0-9, *, #, A-D and , for a pause.
	Tones string `json:"tones"`
	// DurationMillis is how long each tone lasts; 0 means the meeting's default.
	DurationMillis int `json:"duration,omitempty"`
	// PauseMillis is the gap between tones; 0 means the meeting's default.
	PauseMillis int `json:"pause,omitempty"`
}

// Validate reports whether t holds only DTMF characters and sane timings.
func (t Tones) Validate() error {
	if t.Tones == "" {
		return errors.New("no tones")
	}
	if i := strings.IndexFunc(t.Tones, func(r rune) bool { return !strings.ContainsRune("0123456789*#ABCD,", r) }); i >= 0 {
		return fmt.Errorf("tone %q is not a DTMF character (0-9, *, #, A-D, ',')", t.Tones[i:i+1])
	}
	if t.DurationMillis < 0 || t.PauseMillis < 0 {
		return errors.New("tone duration and pause must not be negative")
	}
	return nil
}

// MeetingTimer is the meeting-pace timer of SetMeetingTimer.
type MeetingTimer struct {
	// DurationSeconds is the planned length; 0 clears the timer.
	DurationSeconds int `json:"duration,omitempty"`
	// ElapsedSeconds is how much of it has already passed.
	ElapsedSeconds int `json:"elapsed,omitempty"`
}

// Validate reports whether the timer's values are not negative.
func (m MeetingTimer) Validate() error {
	if m.DurationSeconds < 0 || m.ElapsedSeconds < 0 {
		return errors.New("meeting timer duration and elapsed time must not be negative")
	}
	return nil
}

// SecondScreen controls the second-screen window of the multi-screen feature.
type SecondScreen struct {
	// ID names the window; empty means "default".
	ID string `json:"id,omitempty"`
	// Source and Screen are passed through as the feature defines them.
	Source any `json:"source,omitempty"`
	Screen any `json:"screen,omitempty"`
}

// Feedback is the call feedback of SubmitFeedback.
type Feedback struct {
	// Score runs from 1 (bad) to 5 (excellent).
	Score   int    `json:"score"`
	Message string `json:"message"`
}

// Validate reports whether the score lies in 1..5.
func (f Feedback) Validate() error {
	if f.Score < 1 || f.Score > 5 {
		return fmt.Errorf("feedback score %d is outside 1..5", f.Score)
	}
	return nil
}

// NotificationType is the look of a notification.
type NotificationType string

// The notification types.
const (
	NotificationNormal  NotificationType = "normal"
	NotificationSuccess NotificationType = "success"
	NotificationWarning NotificationType = "warning"
	NotificationError   NotificationType = "error"
)

// NotificationTimeout is how long a notification stays.
type NotificationTimeout string

// The notification timeouts.
const (
	TimeoutShort  NotificationTimeout = "short"
	TimeoutMedium NotificationTimeout = "medium"
	TimeoutLong   NotificationTimeout = "long"
	TimeoutSticky NotificationTimeout = "sticky"
)

// NotificationButton is a custom action on a notification; clicking it fires
// CustomNotificationActionTriggered with its UUID.
type NotificationButton struct {
	Label string `json:"label"`
	UUID  string `json:"uuid"`
}

// Notification is shown in the meeting by ShowNotification.
type Notification struct {
	Title         string               `json:"title"`
	Description   string               `json:"description"`
	UID           string               `json:"uid,omitempty"`
	Type          NotificationType     `json:"type,omitempty"`
	Timeout       NotificationTimeout  `json:"timeout,omitempty"`
	CustomActions []NotificationButton `json:"customActions,omitempty"`
}

// Validate reports whether the notification has a title and known options.
func (n Notification) Validate() error {
	if n.Title == "" && n.Description == "" {
		return errors.New("notification has neither title nor description")
	}
	if n.Type != "" {
		if err := oneOf("notification type", string(n.Type), "normal", "success", "warning", "error"); err != nil {
			return err
		}
	}
	if n.Timeout != "" {
		if err := oneOf("notification timeout", string(n.Timeout), "short", "medium", "long", "sticky"); err != nil {
			return err
		}
	}
	for i, a := range n.CustomActions {
		if a.Label == "" || a.UUID == "" {
			return fmt.Errorf("custom action %d needs a label and a uuid", i)
		}
	}
	return nil
}

// RecordingOptions start a recording, a live stream or a transcription.
type RecordingOptions struct {
	// Mode is local, file or stream.
	Mode RecordingMode `json:"mode"`
	// DropboxToken records to Dropbox (file mode).
	DropboxToken string `json:"dropboxToken,omitempty"`
	// OnlySelf records only the local participant (local mode).
	OnlySelf bool `json:"onlySelf,omitempty"`
	// ShouldShare shares the recording with the participants (file mode).
	ShouldShare bool `json:"shouldShare,omitempty"`
	// RTMPStreamKey and RTMPBroadcastID stream to an RTMP server (stream mode).
	RTMPStreamKey   string `json:"rtmpStreamKey,omitempty"`
	RTMPBroadcastID string `json:"rtmpBroadcastID,omitempty"`
	// YouTubeStreamKey and YouTubeBroadcastID stream to YouTube (stream mode).
	YouTubeStreamKey   string `json:"youtubeStreamKey,omitempty"`
	YouTubeBroadcastID string `json:"youtubeBroadcastID,omitempty"`
	// ExtraMetadata is passed to the recorder.
	ExtraMetadata map[string]any `json:"extraMetadata,omitempty"`
	// Transcription also starts a transcription.
	Transcription bool `json:"transcription,omitempty"`
}

// Validate reports whether the options fit their mode.
func (r RecordingOptions) Validate() error {
	if err := r.Mode.Validate(); err != nil {
		return err
	}
	stream := r.RTMPStreamKey != "" || r.YouTubeStreamKey != ""
	switch {
	case r.Mode == RecordStream && !stream:
		return errors.New("stream mode needs an RTMP or YouTube stream key")
	case r.Mode != RecordStream && stream:
		return fmt.Errorf("stream keys need stream mode, not %q", r.Mode)
	case r.Mode != RecordFile && (r.DropboxToken != "" || r.ShouldShare):
		return fmt.Errorf("dropboxToken and shouldShare need file mode, not %q", r.Mode)
	case r.Mode != RecordLocal && r.OnlySelf:
		return fmt.Errorf("onlySelf needs local mode, not %q", r.Mode)
	}
	return nil
}

// mediaEncryptionKeyArg builds the JSON string argument that the meeting's
// set-media-encryption-key handler parses: {"exportedKey":…,"index":…} with
// the raw key bytes as a number array, or false to drop the key. Only
// numbers and a literal go in, so strconv writes it.
func mediaEncryptionKeyArg(key []byte, index int) (string, error) {
	if index < 0 {
		return "", fmt.Errorf("key index %d is negative", index)
	}
	b := []byte(`{"exportedKey":`)
	switch {
	case key == nil:
		b = append(b, "false"...)
	case len(key) == 0:
		return "", errors.New("key is empty (pass nil to drop the key)")
	default:
		b = append(b, '[')
		for i, k := range key {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendUint(b, uint64(k), 10)
		}
		b = append(b, ']')
	}
	b = append(b, `,"index":`...)
	b = strconv.AppendInt(b, int64(index), 10)
	return string(append(b, '}')), nil
}
