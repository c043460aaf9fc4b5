package app

import (
	"errors"
	"fmt"

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

// watch subscribes to every event the console shows. apply receives the
// events, and fail the errors, on the bridge's goroutine: both must only
// hand over to the UI goroutine, never block.
func watch(api *externalapi.API, apply func(externalapi.Event), fail func(error)) error {
	var errs []error
	sub := func(_ externalapi.Unsubscribe, err error) { errs = append(errs, err) }
	sub(api.OnVideoConferenceJoined(func(e externalapi.VideoConferenceJoined) {
		apply(e)
		infos, err := api.ParticipantsInfo()
		if err != nil {
			fail(fmt.Errorf("listing the participants: %w", err))
			return
		}
		apply(ParticipantsSeeded{Infos: infos})
	}))
	sub(api.OnVideoConferenceLeft(func(e externalapi.VideoConferenceLeft) { apply(e) }))
	sub(api.OnParticipantJoined(func(e externalapi.ParticipantJoined) { apply(e) }))
	sub(api.OnParticipantLeft(func(e externalapi.ParticipantLeft) { apply(e) }))
	sub(api.OnParticipantKickedOut(func(e externalapi.ParticipantKickedOut) { apply(e) }))
	sub(api.OnDisplayNameChange(func(e externalapi.DisplayNameChange) { apply(e) }))
	sub(api.OnParticipantMuted(func(e externalapi.ParticipantMuted) { apply(e) }))
	sub(api.OnRaiseHandUpdated(func(e externalapi.RaiseHandUpdated) { apply(e) }))
	sub(api.OnParticipantRoleChanged(func(e externalapi.ParticipantRoleChanged) { apply(e) }))
	sub(api.OnKnockingParticipant(func(e externalapi.KnockingParticipant) { apply(e) }))
	sub(api.OnRecordingStatusChanged(func(e externalapi.RecordingStatusChanged) { apply(e) }))
	sub(api.OnRecordingLinkAvailable(func(e externalapi.RecordingLinkAvailable) { apply(e) }))
	sub(api.OnBreakoutRoomsUpdated(func(e externalapi.BreakoutRoomsUpdated) { apply(e) }))
	sub(api.OnSubjectChange(func(e externalapi.SubjectChange) { apply(e) }))
	sub(api.OnTileViewChanged(func(e externalapi.TileViewChanged) { apply(e) }))
	sub(api.OnError(fail))
	return errors.Join(errs...)
}
