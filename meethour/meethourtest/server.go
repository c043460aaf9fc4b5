package meethourtest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/meetbridge/meetbridge/meethour"
)

// Credentials the fake accepts when Config leaves them empty.
const (
	ClientID     = "fake-client-id"
	ClientSecret = "fake-client-secret-4e1c0b9a"
	Username     = "owner@example.com"
	Password     = "fake-password-7d2f5a61"
	APIKey       = "fake-api-key-0c3e"
)

// DefaultTokenTTL is the lifetime of access tokens (expires_in) and join
// tokens when Config leaves it zero.
const DefaultTokenTTL = time.Hour

// DefaultPageSize is the page size of list answers when a request gives no
// limit.
const DefaultPageSize = 10

// Config sets up a fake. Zero fields take the defaults above.
type Config struct {
	// ClientID, ClientSecret, Username and Password are the only
	// credentials the password grant accepts.
	ClientID, ClientSecret, Username, Password string
	// APIKey is what ClientConfig puts in meethour.Config.
	APIKey string
	// TokenTTL is the lifetime of access tokens, sent as expires_in.
	TokenTTL time.Duration
	// JWTTTL is the lifetime of join tokens (their exp).
	JWTTTL time.Duration
	// Now is the fake's clock, for token expiry and for which meetings
	// are upcoming; time.Now when nil.
	Now func() time.Time
}

// Server is a running fake Meet Hour API.
type Server struct {
	// URL is the base URL, http://127.0.0.1:<port>.
	URL string

	cfg       Config
	ts        *httptest.Server
	closed    chan struct{}
	closeOnce sync.Once
	jwtKey    []byte

	mu         sync.Mutex
	failure    Failure
	access     map[string]time.Time // access token → expiry
	refresh    map[string]bool      // refresh token → still valid
	pairs      map[string]string    // refresh token → its access token
	meetings   map[string]*meeting
	order      []string // meeting ids, oldest first
	contacts   []*meethour.Contact
	recordings []storedRecording
	logins     int
	refreshes  int
	calls      map[string]int // path → requests that reached the handler
	scheduled  []ScheduleBody
	edits      []EditBody
	jwts       []IssuedJWT
	issued     []string // every token issued, for leak checks
	nextID     int
	hangs      int           // requests that have hung so far
	hung       chan struct{} // closed and replaced when one more hangs
	release    chan struct{} // closed by ReleaseHangs
}

// meeting is a scheduled meeting of the fake.
type meeting struct {
	meethour.Meeting
	name, agenda, timezone string
	start                  time.Time
	duration               time.Duration
	options                []string
	attendees, hosts       []int64 // contact ids
	archived, completed    bool
}

// storedRecording is a recording and where it is kept.
type storedRecording struct {
	meethour.Recording
	deleted bool
}

// ScheduleBody is a schedulemeeting request as the fake decoded it. It
// lists every field the SDKs send; any other field is refused.
type ScheduleBody struct {
	// The fields are the JSON fields named in their tags.
	MeetingName             string            `json:"meeting_name"`
	Passcode                string            `json:"passcode"`
	MeetingTime             string            `json:"meeting_time"`
	MeetingMeridiem         string            `json:"meeting_meridiem"`
	MeetingDate             string            `json:"meeting_date"`
	Timezone                string            `json:"timezone"`
	DefaultRecordingStorage string            `json:"default_recording_storage"`
	SendCalendarInvite      *int              `json:"send_calendar_invite"`
	IsShowPortal            *int              `json:"is_show_portal"`
	Agenda                  string            `json:"agenda"`
	Attend                  []json.RawMessage `json:"attend"`
	HostUsers               []json.RawMessage `json:"hostusers"`
	Groups                  []json.RawMessage `json:"groups"`
	DurationHr              *int              `json:"duration_hr"`
	DurationMin             *int              `json:"duration_min"`
	EnablePreRegistration   *int              `json:"enable_pre_registration"`
	IsRecurring             *int              `json:"is_recurring"`
	RecurringType           string            `json:"recurring_type"`
	RepeatInterval          *int              `json:"repeat_interval"`
	WeeklyWeekDays          json.RawMessage   `json:"weeklyWeekDays"`
	MonthlyBy               json.RawMessage   `json:"monthlyBy"`
	MonthlyByDay            json.RawMessage   `json:"monthlyByDay"`
	MonthlyByWeekday        json.RawMessage   `json:"monthlyByWeekday"`
	MonthlyByWeekdayIndex   json.RawMessage   `json:"monthlyByWeekdayIndex"`
	EndBy                   json.RawMessage   `json:"endBy"`
	EndDateTime             json.RawMessage   `json:"end_date_time"`
	EndTimes                json.RawMessage   `json:"end_times"`
	Instructions            string            `json:"instructions"`
	MeetingTopic            string            `json:"meeting_topic"`
	MeetingAgenda           string            `json:"meeting_agenda"`
	Options                 []string          `json:"options"`
}

// EditBody is an editmeeting request as the fake decoded it: the meeting
// id, any schedule field, and the attendees kept.
type EditBody struct {
	// MeetingID, OldAttend and LiveStreamSettings are the JSON fields
	// named in their tags; the schedule fields are all optional.
	MeetingID          string            `json:"meeting_id"`
	OldAttend          []json.RawMessage `json:"old_attend"`
	LiveStreamSettings json.RawMessage   `json:"live_stream_settings"`
	ScheduleBody
}

// IssuedJWT is a getjwt request the fake answered, with the token it gave.
type IssuedJWT struct {
	// MeetingID, ContactID (nil for the organizer), Config and UIConfig
	// are the request's fields.
	MeetingID string
	ContactID *int64
	Config    map[string]any
	UIConfig  map[string]any
	// JWT is the token the fake answered with.
	JWT string
}

// NewServer starts a fake; Close it when done.
func NewServer(cfg Config) *Server {
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&cfg.ClientID, ClientID)
	def(&cfg.ClientSecret, ClientSecret)
	def(&cfg.Username, Username)
	def(&cfg.Password, Password)
	def(&cfg.APIKey, APIKey)
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = DefaultTokenTTL
	}
	if cfg.JWTTTL == 0 {
		cfg.JWTTTL = DefaultTokenTTL
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{
		cfg:      cfg,
		closed:   make(chan struct{}),
		jwtKey:   []byte(rand.Text() + rand.Text()),
		access:   map[string]time.Time{},
		refresh:  map[string]bool{},
		pairs:    map[string]string{},
		meetings: map[string]*meeting{},
		calls:    map[string]int{},
		hung:     make(chan struct{}),
		release:  make(chan struct{}),
	}
	s.ts = httptest.NewServer(s.handler())
	s.URL = s.ts.URL
	return s
}

// Close stops the fake, releasing hanging requests first.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closed) })
	s.ts.Close()
}

// Client returns an HTTP client for the fake.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// ClientConfig returns a meethour.Config with the fake's URL and
// credentials and a clock of the fake's.
func (s *Server) ClientConfig() meethour.Config {
	return meethour.Config{
		BaseURL:      s.URL,
		ClientID:     s.cfg.ClientID,
		ClientSecret: s.cfg.ClientSecret,
		Username:     s.cfg.Username,
		Password:     s.cfg.Password,
		APIKey:       s.cfg.APIKey,
		HTTPClient:   s.Client(),
		Now:          s.cfg.Now,
	}
}

// Logins counts the password grants the fake granted.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// Refreshes counts the refresh_token grants the fake granted.
func (s *Server) Refreshes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes
}

// Calls counts the requests to path (such as
// "/api/v1.2/meeting/schedulemeeting") that passed the shared checks
// (method, content type, token), whatever their answer.
func (s *Server) Calls(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[path]
}

// Scheduled returns the schedulemeeting requests the fake accepted.
func (s *Server) Scheduled() []ScheduleBody {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ScheduleBody(nil), s.scheduled...)
}

// Edits returns the editmeeting requests the fake accepted.
func (s *Server) Edits() []EditBody {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]EditBody(nil), s.edits...)
}

// JWTs returns the getjwt requests the fake answered.
func (s *Server) JWTs() []IssuedJWT {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]IssuedJWT(nil), s.jwts...)
}

// Meeting returns a meeting of the fake by id.
func (s *Server) Meeting(id string) (meethour.Meeting, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.meetings[id]
	if !ok {
		return meethour.Meeting{}, false
	}
	return m.Meeting, true
}

// Attendees returns the contact ids of a meeting's attendees.
func (s *Server) Attendees(id string) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.meetings[id]; ok {
		return append([]int64(nil), m.attendees...)
	}
	return nil
}

// Archived reports whether a meeting was archived.
func (s *Server) Archived(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.meetings[id]
	return ok && m.archived
}

// AddMeeting creates a meeting directly, as if scheduled in the portal,
// starting an hour from now on the fake's clock, in UTC.
func (s *Server) AddMeeting(name, passcode string) meethour.Meeting {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addMeetingLocked(name, passcode, s.cfg.Now().Add(time.Hour).UTC(), "UTC").Meeting
}

// SetMeetingStart moves a meeting, which decides whether it is upcoming
// (start after the fake's now) or missed.
func (s *Server) SetMeetingStart(id string, start time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.meetings[id]; ok {
		m.start = start
	}
}

// CompleteMeeting marks a meeting as held: it moves to the completed list.
func (s *Server) CompleteMeeting(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.meetings[id]; ok {
		m.completed = true
	}
}

// AddHost makes a contact a host of a meeting.
func (s *Server) AddHost(id string, contactID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.meetings[id]; ok {
		m.hosts = append(m.hosts, contactID)
	}
}

// DeleteMeeting removes a meeting, as if deleted in the portal.
func (s *Server) DeleteMeeting(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.meetings, id)
}

// AddContact creates a contact directly, as if added in the portal, and
// returns it with its id.
func (s *Server) AddContact(c meethour.Contact) meethour.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addContactLocked(c)
}

// Contacts returns the fake's contacts, oldest first.
func (s *Server) Contacts() []meethour.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]meethour.Contact, len(s.contacts))
	for i, c := range s.contacts {
		out[i] = *c
	}
	return out
}

// AddRecording stores a recording in storage (meethour.StorageDropbox,
// StorageLocal or StorageCustom) and returns it with its id.
func (s *Server) AddRecording(storage string, r meethour.Recording) meethour.Recording {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.ID = int64(len(s.recordings) + 1)
	r.Storage = storage
	s.recordings = append(s.recordings, storedRecording{Recording: r})
	return r
}

// Secrets lists the credentials and every token the fake issued, for tests
// that check nothing leaks.
func (s *Server) Secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string{s.cfg.ClientSecret, s.cfg.Password}, s.issued...)
}

// WaitHangs blocks until n requests in all have hung under the Hang
// failure, or ctx ends: a test knows then that a call is stuck inside the
// fake.
func (s *Server) WaitHangs(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		hangs, hung := s.hangs, s.hung
		s.mu.Unlock()
		if hangs >= n {
			return nil
		}
		select {
		case <-hung:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// ExpireAccessTokens makes every access token issued so far expire now, as
// a revocation would: requests with them get HTTP 401.
func (s *Server) ExpireAccessTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	for t := range s.access {
		s.access[t] = now
	}
}

// RevokeRefreshTokens makes every refresh token issued so far invalid.
func (s *Server) RevokeRefreshTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t := range s.refresh {
		s.refresh[t] = false
	}
}
