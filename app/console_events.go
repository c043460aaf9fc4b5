package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/meetbridge/meetbridge/externalapi"
)

// ParticipantsSeeded carries the External API's participant cache
// (ParticipantsInfo), read when the local participant joins. It is not an
// External API event: the console feeds it to RoomState.Apply like one.
type ParticipantsSeeded struct {
	Infos []externalapi.ParticipantInfo
}

// EventName implements externalapi.Event.
func (ParticipantsSeeded) EventName() string { return "meetbridge.participantsSeeded" }

// getterTimeout bounds each re-read of the meeting's getters.
const getterTimeout = 10 * time.Second

// watch subscribes to every event the console shows. apply receives the
// events, fail the errors and logEvent every event's name and payload (for
// the event log), on the bridge's goroutine: all three must only hand over
// to the UI goroutine, never block. On joining and after breakout changes
// the meeting's getters are read again (on their own goroutine) and their
// answers applied as Seeded pseudo-events, so that the console follows the
// meeting, not only the events it saw.
func watch(api *externalapi.API, apply func(externalapi.Event), fail func(error), logEvent func(name string, payload []byte)) error {
	var errs []error
	sub := func(_ externalapi.Unsubscribe, err error) { errs = append(errs, err) }
	sub(api.OnVideoConferenceJoined(func(e externalapi.VideoConferenceJoined) {
		apply(e)
		infos, err := api.ParticipantsInfo()
		if err != nil {
			fail(fmt.Errorf("listing the participants: %w", err))
		} else {
			apply(ParticipantsSeeded{Infos: infos})
		}
		go reread(api, apply, fail, true)
	}))
	sub(api.OnBreakoutRoomsUpdated(func(e externalapi.BreakoutRoomsUpdated) {
		apply(e)
		go reread(api, apply, fail, false)
	}))
	sub(api.OnDeviceListChanged(func(e externalapi.DeviceListChanged) {
		apply(e)
		go rereadDevices(api, apply, fail)
	}))
	forward := func(subscribe func(*externalapi.API, func(externalapi.Event)) (externalapi.Unsubscribe, error)) {
		sub(subscribe(api, apply))
	}
	for _, s := range forwardedEvents {
		forward(s)
	}
	sub(api.OnError(fail))
	// The event log follows every event the library says it emits; a
	// library that does not say leaves the log to the provider feed.
	if names, err := api.SupportedEvents(); err == nil {
		for _, name := range names {
			sub(api.OnRaw(name, func(payload json.RawMessage) { logEvent(name, payload) }))
		}
	}
	return errors.Join(errs...)
}

// on adapts a typed subscription to forwardedEvents.
func on[E externalapi.Event](subscribe func(*externalapi.API, func(E)) (externalapi.Unsubscribe, error)) func(*externalapi.API, func(externalapi.Event)) (externalapi.Unsubscribe, error) {
	return func(a *externalapi.API, apply func(externalapi.Event)) (externalapi.Unsubscribe, error) {
		return subscribe(a, func(e E) { apply(e) })
	}
}

// forwardedEvents are the events applied to the state as they come.
var forwardedEvents = []func(*externalapi.API, func(externalapi.Event)) (externalapi.Unsubscribe, error){
	on((*externalapi.API).OnVideoConferenceLeft),
	on((*externalapi.API).OnReadyToClose),
	on((*externalapi.API).OnParticipantJoined),
	on((*externalapi.API).OnParticipantLeft),
	on((*externalapi.API).OnParticipantKickedOut),
	on((*externalapi.API).OnDisplayNameChange),
	on((*externalapi.API).OnParticipantMuted),
	on((*externalapi.API).OnRaiseHandUpdated),
	on((*externalapi.API).OnParticipantRoleChanged),
	on((*externalapi.API).OnKnockingParticipant),
	on((*externalapi.API).OnRecordingStatusChanged),
	on((*externalapi.API).OnRecordingLinkAvailable),
	on((*externalapi.API).OnSubjectChange),
	on((*externalapi.API).OnTileViewChanged),
	on((*externalapi.API).OnModerationStatusChanged),
	on((*externalapi.API).OnModerationParticipantApproved),
	on((*externalapi.API).OnModerationParticipantRejected),
	on((*externalapi.API).OnIncomingMessage),
	on((*externalapi.API).OnOutgoingMessage),
	on((*externalapi.API).OnCameraError),
	on((*externalapi.API).OnMicError),
	on((*externalapi.API).OnErrorOccurred),
}

// reread reads the rooms (and, on joining, moderation, who it holds and the
// devices) from the meeting's getters and applies the answers.
func reread(api *externalapi.API, apply func(externalapi.Event), fail func(error), joined bool) {
	ctx, cancel := context.WithTimeout(context.Background(), getterTimeout)
	defer cancel()
	info, err := api.RoomsInfo(ctx)
	if err != nil {
		fail(fmt.Errorf("reading the rooms: %w", err))
	} else {
		apply(RoomsSeeded{Info: info})
	}
	if !joined {
		return
	}
	audio, errA := api.IsModerationOn(ctx, externalapi.Audio)
	video, errV := api.IsModerationOn(ctx, externalapi.Video)
	if err := errors.Join(errA, errV); err != nil {
		fail(fmt.Errorf("reading the moderation: %w", err))
	} else {
		apply(ModerationSeeded{Audio: audio, Video: video})
		// Who is held, for moderation that was on before the console came.
		for media, on := range map[externalapi.MediaType]bool{externalapi.Audio: audio, externalapi.Video: video} {
			if !on || info.Rooms == nil {
				continue
			}
			for _, r := range info.Rooms {
				for _, p := range r.Participants {
					forced, err := api.IsParticipantForceMuted(ctx, p.ID, media)
					if err != nil {
						fail(fmt.Errorf("reading who moderation holds: %w", err))
						return
					}
					apply(ForceMutedSeeded{ID: p.ID, Media: media, Forced: forced})
				}
			}
		}
	}
	rereadDevices(api, apply, fail)
}

// rereadDevices reads the devices and the ones in use.
func rereadDevices(api *externalapi.API, apply func(externalapi.Event), fail func(error)) {
	ctx, cancel := context.WithTimeout(context.Background(), getterTimeout)
	defer cancel()
	list, err := api.AvailableDevices(ctx)
	if err != nil {
		fail(fmt.Errorf("listing the devices: %w", err))
		return
	}
	cur, err := api.CurrentDevices(ctx)
	if err != nil {
		fail(fmt.Errorf("reading the devices in use: %w", err))
		return
	}
	apply(DevicesSeeded{Available: list, Current: cur})
}
