package vonagetest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// The documented room fields, as the fake reads and writes them. They are
// the fake's own, written from the API reference, so that a wrong JSON
// name in the client shows up as a refused request.
type (
	recordingOptions struct {
		AutoRecord      *bool `json:"auto_record,omitempty"`
		RecordOnlyOwner *bool `json:"record_only_owner,omitempty"`
	}
	initialJoinOptions struct {
		MicrophoneState string `json:"microphone_state,omitempty"`
	}
	callbackURLs struct {
		RoomsCallbackURL      string `json:"rooms_callback_url,omitempty"`
		SessionsCallbackURL   string `json:"sessions_callback_url,omitempty"`
		RecordingsCallbackURL string `json:"recordings_callback_url,omitempty"`
	}
	availableFeatures struct {
		IsRecordingAvailable      *bool `json:"is_recording_available,omitempty"`
		IsChatAvailable           *bool `json:"is_chat_available,omitempty"`
		IsWhiteboardAvailable     *bool `json:"is_whiteboard_available,omitempty"`
		IsLocaleSwitcherAvailable *bool `json:"is_locale_switcher_available,omitempty"`
		IsCaptionsAvailable       *bool `json:"is_captions_available,omitempty"`
	}
	uiSettings struct {
		Language string `json:"language,omitempty"`
	}
)

// createRoomBody is POST /rooms.
type createRoomBody struct {
	DisplayName        *string             `json:"display_name"`
	Metadata           string              `json:"metadata"`
	Type               string              `json:"type"`
	ExpiresAt          *time.Time          `json:"expires_at"`
	ExpireAfterUse     *bool               `json:"expire_after_use"`
	ThemeID            string              `json:"theme_id"`
	JoinApprovalLevel  string              `json:"join_approval_level"`
	RecordingOptions   *recordingOptions   `json:"recording_options"`
	InitialJoinOptions *initialJoinOptions `json:"initial_join_options"`
	CallbackURLs       *callbackURLs       `json:"callback_urls"`
	AvailableFeatures  *availableFeatures  `json:"available_features"`
	UISettings         *uiSettings         `json:"ui_settings"`
}

// roomUpdateBody is PATCH /rooms/{id}'s update_details.
type roomUpdateBody struct {
	ExpiresAt          *time.Time          `json:"expires_at"`
	ExpireAfterUse     *bool               `json:"expire_after_use"`
	ThemeID            *string             `json:"theme_id"`
	JoinApprovalLevel  string              `json:"join_approval_level"`
	InitialJoinOptions *initialJoinOptions `json:"initial_join_options"`
	CallbackURLs       *callbackURLs       `json:"callback_urls"`
	AvailableFeatures  *availableFeatures  `json:"available_features"`
}

// room is a room as the API answers it.
type room struct {
	serial             int
	ID                 string             `json:"id"`
	DisplayName        string             `json:"display_name"`
	Metadata           string             `json:"metadata,omitempty"`
	Type               string             `json:"type"`
	ExpiresAt          *time.Time         `json:"expires_at"`
	ExpireAfterUse     bool               `json:"expire_after_use"`
	RecordingOptions   recordingOptions   `json:"recording_options"`
	MeetingCode        string             `json:"meeting_code"`
	IsAvailable        bool               `json:"is_available"`
	ThemeID            *string            `json:"theme_id"`
	CreatedAt          time.Time          `json:"created_at"`
	JoinApprovalLevel  string             `json:"join_approval_level"`
	InitialJoinOptions initialJoinOptions `json:"initial_join_options"`
	CallbackURLs       callbackURLs       `json:"callback_urls"`
	AvailableFeatures  availableFeatures  `json:"available_features"`
	UISettings         uiSettings         `json:"ui_settings"`
	Links              struct {
		GuestURL link `json:"guest_url"`
		HostURL  link `json:"host_url"`
	} `json:"_links"`
}

// MeetingsHost is the origin of the rooms' guest and host URLs.
const MeetingsHost = "https://meetings.vonage.com"

// enums of the room fields.
var (
	roomTypes     = []string{"instant", "long_term"}
	approvals     = []string{"none", "after_owner_only", "explicit_approval"}
	micStates     = []string{"on", "off", "default"}
	languages     = []string{"default", "en", "he", "es", "pt", "it"}
	uuidLike      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	yes, no       = true, false
	defaultFalse  = &no
	defaultTrue   = &yes
	minExpiryLead = 10 * time.Minute
)

// oneOf checks an optional enum field.
func oneOf(field, v string, allowed []string) *apiError {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fail(http.StatusBadRequest, "%s %q is not one of %v", field, v, allowed)
}

// checkURL checks an optional callback URL.
func checkURL(field, v string) *apiError {
	if v == "" {
		return nil
	}
	if u, err := url.Parse(v); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fail(http.StatusBadRequest, "%s must be a URL", field)
	}
	return nil
}

// createRoom serves POST /rooms.
func (s *Server) createRoom(r *http.Request) (int, any, *apiError) {
	var b createRoomBody
	if e := decodeBody(r, &b); e != nil {
		return 0, nil, e
	}
	now := s.cfg.Now()
	switch {
	case b.DisplayName == nil || *b.DisplayName == "":
		return 0, nil, fail(http.StatusBadRequest, "display_name is required")
	case utf8.RuneCountInString(*b.DisplayName) > 200:
		return 0, nil, fail(http.StatusBadRequest, "display_name is longer than 200 characters")
	case utf8.RuneCountInString(b.Metadata) > 500:
		return 0, nil, fail(http.StatusBadRequest, "metadata is longer than 500 characters")
	case b.Type == "long_term" && b.ExpiresAt == nil:
		return 0, nil, fail(http.StatusBadRequest, "expires_at is required for long_term rooms")
	case b.ExpiresAt != nil && !b.ExpiresAt.After(now.Add(minExpiryLead)):
		return 0, nil, fail(http.StatusBadRequest, "expires_at must be more than 10 minutes in the future")
	}
	for _, e := range []*apiError{
		oneOf("type", b.Type, roomTypes), oneOf("join_approval_level", b.JoinApprovalLevel, approvals),
		s.checkRoomParts(b.ThemeID, b.InitialJoinOptions, b.CallbackURLs),
	} {
		if e != nil {
			return 0, nil, e
		}
	}
	if b.UISettings != nil {
		if e := oneOf("ui_settings.language", b.UISettings.Language, languages); e != nil {
			return 0, nil, e
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg.MaxRooms > 0 && len(s.roomsByID) >= s.cfg.MaxRooms {
		return 0, nil, fail(http.StatusForbidden, "Maximum number of rooms for owner exceeded")
	}
	rm := &room{
		serial: len(s.rooms) + 1, ID: uuid.NewString(), DisplayName: *b.DisplayName, Metadata: b.Metadata,
		Type: "instant", ExpiresAt: b.ExpiresAt, MeetingCode: meetingCode(), IsAvailable: true,
		CreatedAt: now.UTC().Truncate(time.Millisecond), JoinApprovalLevel: "none",
		RecordingOptions:   recordingOptions{AutoRecord: defaultFalse, RecordOnlyOwner: defaultFalse},
		InitialJoinOptions: initialJoinOptions{MicrophoneState: "default"},
		AvailableFeatures: availableFeatures{IsRecordingAvailable: defaultTrue, IsChatAvailable: defaultTrue,
			IsWhiteboardAvailable: defaultTrue, IsLocaleSwitcherAvailable: defaultFalse, IsCaptionsAvailable: defaultFalse},
		UISettings: uiSettings{Language: "default"},
	}
	if b.Type != "" {
		rm.Type = b.Type
	}
	if b.ExpireAfterUse != nil {
		rm.ExpireAfterUse = *b.ExpireAfterUse
	}
	if b.ThemeID != "" {
		rm.ThemeID = &b.ThemeID
	} else if s.defaultTheme != "" {
		id := s.defaultTheme
		rm.ThemeID = &id
	}
	if b.JoinApprovalLevel != "" {
		rm.JoinApprovalLevel = b.JoinApprovalLevel
	}
	if b.RecordingOptions != nil {
		mergeBool(&rm.RecordingOptions.AutoRecord, b.RecordingOptions.AutoRecord)
		mergeBool(&rm.RecordingOptions.RecordOnlyOwner, b.RecordingOptions.RecordOnlyOwner)
	}
	if b.UISettings != nil && b.UISettings.Language != "" {
		rm.UISettings = *b.UISettings
	}
	rm.apply(b.InitialJoinOptions, b.CallbackURLs, b.AvailableFeatures)
	rm.Links.GuestURL.Href = MeetingsHost + "/" + rm.MeetingCode
	rm.Links.HostURL.Href = MeetingsHost + "/?room_token=" + rm.MeetingCode + "&participant_token=" + hostToken()
	s.rooms = append(s.rooms, rm)
	s.roomsByID[rm.ID] = rm
	return http.StatusCreated, rm, nil
}

// checkRoomParts checks the parts creation and update share; the caller
// does not hold mu.
func (s *Server) checkRoomParts(themeID string, join *initialJoinOptions, cb *callbackURLs) *apiError {
	if themeID != "" {
		s.mu.Lock()
		_, ok := s.themes[themeID]
		s.mu.Unlock()
		if !ok {
			return fail(http.StatusBadRequest, "theme_id %q does not exist", themeID)
		}
	}
	if join != nil {
		if e := oneOf("initial_join_options.microphone_state", join.MicrophoneState, micStates); e != nil {
			return e
		}
	}
	if cb != nil {
		for _, f := range [][2]string{{"rooms_callback_url", cb.RoomsCallbackURL}, {"sessions_callback_url", cb.SessionsCallbackURL}, {"recordings_callback_url", cb.RecordingsCallbackURL}} {
			if e := checkURL("callback_urls."+f[0], f[1]); e != nil {
				return e
			}
		}
	}
	return nil
}

// apply merges the option groups into the room.
func (rm *room) apply(join *initialJoinOptions, cb *callbackURLs, f *availableFeatures) {
	if join != nil && join.MicrophoneState != "" {
		rm.InitialJoinOptions = *join
	}
	if cb != nil {
		rm.CallbackURLs = *cb
	}
	if f != nil {
		mergeBool(&rm.AvailableFeatures.IsRecordingAvailable, f.IsRecordingAvailable)
		mergeBool(&rm.AvailableFeatures.IsChatAvailable, f.IsChatAvailable)
		mergeBool(&rm.AvailableFeatures.IsWhiteboardAvailable, f.IsWhiteboardAvailable)
		mergeBool(&rm.AvailableFeatures.IsLocaleSwitcherAvailable, f.IsLocaleSwitcherAvailable)
		mergeBool(&rm.AvailableFeatures.IsCaptionsAvailable, f.IsCaptionsAvailable)
	}
}

// mergeBool sets *dst to a copy of *src when src is set.
func mergeBool(dst **bool, src *bool) {
	if src != nil {
		v := *src
		*dst = &v
	}
}

// meetingCode is a 9-digit code, as Vonage's are.
func meetingCode() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%09d", (uint32(b[0])<<24|uint32(b[1])<<16|uint32(b[2])<<8|uint32(b[3]))%1_000_000_000)
}

// hostToken is the secret part of a host URL.
func hostToken() string { return rand.Text() + rand.Text() }

// getRoom serves GET /rooms/{id}.
func (s *Server) getRoom(r *http.Request) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rm, ok := s.roomsByID[r.PathValue("id")]
	if !ok {
		return 0, nil, fail(http.StatusNotFound, "Room %s not found", r.PathValue("id"))
	}
	return http.StatusOK, rm, nil
}

// updateRoom serves PATCH /rooms/{id}: only update_details, only long-term
// rooms.
func (s *Server) updateRoom(r *http.Request) (int, any, *apiError) {
	var b struct {
		UpdateDetails *roomUpdateBody `json:"update_details"`
	}
	if e := decodeBody(r, &b); e != nil {
		return 0, nil, e
	}
	if b.UpdateDetails == nil {
		return 0, nil, fail(http.StatusBadRequest, "update_details is required")
	}
	u := b.UpdateDetails
	if u.ExpiresAt != nil && !u.ExpiresAt.After(s.cfg.Now().Add(minExpiryLead)) {
		return 0, nil, fail(http.StatusBadRequest, "expires_at must be more than 10 minutes in the future")
	}
	themeID := ""
	if u.ThemeID != nil {
		themeID = *u.ThemeID
	}
	for _, e := range []*apiError{oneOf("join_approval_level", u.JoinApprovalLevel, approvals), s.checkRoomParts(themeID, u.InitialJoinOptions, u.CallbackURLs)} {
		if e != nil {
			return 0, nil, e
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rm, ok := s.roomsByID[r.PathValue("id")]
	if !ok {
		return 0, nil, fail(http.StatusNotFound, "Room %s not found", r.PathValue("id"))
	}
	if rm.Type != "long_term" {
		return 0, nil, fail(http.StatusBadRequest, "only long term rooms can be updated")
	}
	if u.ExpiresAt != nil {
		rm.ExpiresAt = u.ExpiresAt
	}
	if u.ExpireAfterUse != nil {
		rm.ExpireAfterUse = *u.ExpireAfterUse
	}
	if u.ThemeID != nil {
		id := *u.ThemeID
		rm.ThemeID = &id
	}
	if u.JoinApprovalLevel != "" {
		rm.JoinApprovalLevel = u.JoinApprovalLevel
	}
	rm.apply(u.InitialJoinOptions, u.CallbackURLs, u.AvailableFeatures)
	return http.StatusOK, rm, nil
}

// roomPage is a page of rooms.
type roomPage struct {
	PageSize   int     `json:"page_size"`
	TotalItems int     `json:"total_items"`
	Embedded   []*room `json:"_embedded"`
	Links      struct {
		First *link `json:"first,omitempty"`
		Self  *link `json:"self,omitempty"`
		Next  *link `json:"next,omitempty"`
		Prev  *link `json:"prev,omitempty"`
	} `json:"_links"`
}

// listRooms serves GET /rooms.
func (s *Server) listRooms(r *http.Request) (int, any, *apiError) {
	return s.pageOf(r, func(*room) bool { return true })
}

// themeRooms serves GET /themes/{id}/rooms.
func (s *Server) themeRooms(r *http.Request) (int, any, *apiError) {
	id := r.PathValue("id")
	s.mu.Lock()
	_, ok := s.themes[id]
	s.mu.Unlock()
	if !ok {
		return 0, nil, fail(http.StatusNotFound, "Theme %s not found", id)
	}
	return s.pageOf(r, func(rm *room) bool { return rm.ThemeID != nil && *rm.ThemeID == id })
}

// pageOf pages the rooms that keep selects by serial number: start_id,
// end_id and page_size, with a next link to the following page.
func (s *Server) pageOf(r *http.Request, keep func(*room) bool) (int, any, *apiError) {
	q := r.URL.Query()
	num := func(name string, def int) (int, *apiError) {
		v := q.Get(name)
		if v == "" {
			return def, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, fail(http.StatusBadRequest, "%s must be a non-negative integer", name)
		}
		return n, nil
	}
	start, e1 := num("start_id", 0)
	end, e2 := num("end_id", 0)
	size, e3 := num("page_size", 20)
	for _, e := range []*apiError{e1, e2, e3} {
		if e != nil {
			return 0, nil, e
		}
	}
	if size == 0 || size > 100 {
		return 0, nil, fail(http.StatusBadRequest, "page_size must be 1 to 100")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []*room
	for _, rm := range s.rooms {
		if _, live := s.roomsByID[rm.ID]; live && keep(rm) && rm.serial >= start && (end == 0 || rm.serial <= end) {
			all = append(all, rm)
		}
	}
	p := roomPage{PageSize: size, TotalItems: len(all), Embedded: []*room{}}
	if len(all) > size {
		p.Embedded = all[:size]
		p.Links.Next = s.pageLink(r, all[size].serial, end, size)
	} else {
		p.Embedded = all
	}
	p.Links.Self = s.pageLink(r, start, end, size)
	p.Links.First = s.pageLink(r, 0, end, size)
	return http.StatusOK, p, nil
}

// pageLink is an absolute link to a page, as Vonage writes them.
func (s *Server) pageLink(r *http.Request, start, end, size int) *link {
	q := url.Values{"page_size": {strconv.Itoa(size)}}
	if start > 0 {
		q.Set("start_id", strconv.Itoa(start))
	}
	if end > 0 {
		q.Set("end_id", strconv.Itoa(end))
	}
	return &link{Href: s.origin + r.URL.Path + "?" + q.Encode()}
}

// Rooms returns every room the fake holds, as JSON objects in the API's
// shape, in creation order.
func (s *Server) Rooms() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []json.RawMessage
	for _, rm := range s.rooms {
		if _, live := s.roomsByID[rm.ID]; live {
			raw, _ := json.Marshal(rm)
			out = append(out, raw)
		}
	}
	return out
}

// ExpireRoom removes a room, as Vonage does when it expires.
func (s *Server) ExpireRoom(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.roomsByID[id]
	delete(s.roomsByID, id)
	return ok
}

// validThemeID reports whether id looks like a theme id.
func validThemeID(id string) bool { return uuidLike.MatchString(id) }
