package vonagetest

import (
	"crypto/rand"
	"net/http"
	"sort"
	"strings"
	"time"
)

// recording is a recording as the API answers it.
type recording struct {
	ID        string    `json:"id"`
	SessionID string    `json:"session_id"`
	StartedAt time.Time `json:"started_at"`
	EndedAt   time.Time `json:"ended_at,omitzero"`
	Status    string    `json:"status"`
	Links     struct {
		URL link `json:"url"`
	} `json:"_links"`
}

// AddRecording adds a recording of a session, as a meeting would; status
// is "started", "stopped", "paused" or "uploaded".
func (s *Server) AddRecording(sessionID, status string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now().UTC().Truncate(time.Second)
	rec := &recording{ID: strings.ToLower(rand.Text()), SessionID: sessionID, StartedAt: now.Add(-time.Hour), Status: status}
	if status == "uploaded" || status == "stopped" {
		rec.EndedAt = now
	}
	if status == "uploaded" {
		rec.Links.URL.Href = "https://recordings.example.invalid/" + rec.ID + ".mp4"
	}
	s.recordings[rec.ID] = rec
	return rec.ID
}

// getRecording serves GET /recordings/{id}.
func (s *Server) getRecording(r *http.Request) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.recordings[r.PathValue("id")]
	if !ok {
		return 0, nil, fail(http.StatusNotFound, "Recording %s not found", r.PathValue("id"))
	}
	return http.StatusOK, rec, nil
}

// deleteRecording serves DELETE /recordings/{id}: only uploaded ones.
func (s *Server) deleteRecording(r *http.Request) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.recordings[r.PathValue("id")]
	if !ok {
		return 0, nil, fail(http.StatusNotFound, "Recording %s not found", r.PathValue("id"))
	}
	if rec.Status != "uploaded" {
		return 0, nil, fail(http.StatusForbidden, "Recording %s is %s: only uploaded recordings can be deleted", rec.ID, rec.Status)
	}
	delete(s.recordings, rec.ID)
	return http.StatusNoContent, nil, nil
}

// sessionRecordings serves GET /sessions/{id}/recordings.
func (s *Server) sessionRecordings(r *http.Request) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := []*recording{}
	for _, rec := range s.recordings {
		if rec.SessionID == r.PathValue("id") {
			list = append(list, rec)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	var body struct {
		Embedded struct {
			Recordings []*recording `json:"recordings"`
		} `json:"_embedded"`
	}
	body.Embedded.Recordings = list
	return http.StatusOK, body, nil
}

// dialInNumber is an entry of GET /dial-in-numbers.
type dialInNumber struct {
	Number      string `json:"number"`
	Locale      string `json:"locale"`
	DisplayName string `json:"display_name"`
}

// dialInNumbers serves GET /dial-in-numbers.
func (s *Server) dialInNumbers(*http.Request) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return http.StatusOK, append([]dialInNumber(nil), s.dialIn...), nil
}
