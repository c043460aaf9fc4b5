package meethourtest

import (
	"net/http"

	"github.com/meetbridge/meetbridge/meethour"
)

// listRecordings serves /api/v1.2/customer/videorecordinglist: one page of
// all recordings (or those of filter_by), split by storage.
func (s *Server) listRecordings(w http.ResponseWriter, r *http.Request) {
	var b struct {
		paging
		FilterBy string `json:"filter_by"`
	}
	if !decode(w, r, &b) {
		return
	}
	switch b.FilterBy {
	case "", meethour.StorageDropbox, meethour.StorageLocal, meethour.StorageCustom:
	default:
		invalid(w, "The selected filter by is invalid.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []meethour.Recording
	for _, rec := range s.recordings {
		if !rec.deleted && (b.FilterBy == "" || b.FilterBy == rec.Storage) {
			all = append(all, rec.Recording)
		}
	}
	from, to, pages, msg := b.window(len(all))
	if msg != "" {
		invalid(w, msg)
		return
	}
	by := map[string][]map[string]any{meethour.StorageDropbox: {}, meethour.StorageLocal: {}, meethour.StorageCustom: {}}
	for _, rec := range all[from:to] {
		by[rec.Storage] = append(by[rec.Storage], recordingJSON(rec))
	}
	answer := listAnswer("dropbox_recordings", by[meethour.StorageDropbox], len(all), pages)
	answer["meethour_recordings"] = by[meethour.StorageLocal]
	answer["custom_recordings"] = by[meethour.StorageCustom]
	writeJSON(w, http.StatusOK, answer)
}

// recordingJSON is a recording as the fake sends it (the size as a
// number, as some answers do).
func recordingJSON(r meethour.Recording) map[string]any {
	return map[string]any{
		"recording_id": r.ID, "recording_name": r.Name, "topic": r.Topic, "recording_date": r.Date,
		"recording_size": 1048576, "recording_path": r.Path, "duration": string(r.Duration), "recording_expiry": r.Expiry,
	}
}

// recordingBody reads {recording_id} and finds the recording; on failure
// it answers and returns -1. s.mu is held on success.
func (s *Server) recordingBody(w http.ResponseWriter, r *http.Request) int {
	var b struct {
		RecordingID *int64 `json:"recording_id"`
	}
	if !decode(w, r, &b) {
		return -1
	}
	if b.RecordingID == nil {
		invalid(w, "The recording id field is required.")
		return -1
	}
	s.mu.Lock()
	for i, rec := range s.recordings {
		if rec.ID == *b.RecordingID && !rec.deleted {
			return i
		}
	}
	s.mu.Unlock()
	notFound(w, "Recording")
	return -1
}

// getRecording serves /api/v1.2/customer/getsinglerecording; the fake
// answers the recording in data.
func (s *Server) getRecording(w http.ResponseWriter, r *http.Request) {
	i := s.recordingBody(w, r)
	if i < 0 {
		return
	}
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "code": 200, "message": "Recording.", "data": recordingJSON(s.recordings[i].Recording)})
}

// deleteRecording serves /api/v1.2/customer/deleterecording.
func (s *Server) deleteRecording(w http.ResponseWriter, r *http.Request) {
	i := s.recordingBody(w, r)
	if i < 0 {
		return
	}
	defer s.mu.Unlock()
	s.recordings[i].deleted = true
	ok(w, "Recording deleted successfully.")
}
