package token

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/sync/singleflight"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/meethour"
)

// MeetHourDomain is the External API domain of Meet Hour.
const MeetHourDomain = "meethour.io"

// Defaults of MeetHourConfig.
const (
	// DefaultMeetingDuration is the planned length of meetings a moderator
	// schedules by opening a room.
	DefaultMeetingDuration = time.Hour
	// DefaultMeetingTTL is how long a room's meeting, a member's contact
	// and their place among the attendees are remembered.
	DefaultMeetingTTL = 24 * time.Hour
	// DefaultMeetHourCacheEntries bounds the cache NewMeetHour makes when
	// MeetHourConfig.Cache is nil.
	DefaultMeetHourCacheEntries = 4096
	// jwtMargin is how long before its expiry a cached join token is
	// fetched anew, at most a tenth of its lifetime.
	jwtMargin = time.Minute
	// inviteStripes is how many locks serialise invitations (see
	// MeetHour.inviteLock).
	inviteStripes = 64
)

var (
	// ErrUnknownRoom means a room has no Meet Hour meeting: nobody
	// scheduled one for it and the configuration lists none. Only the
	// signed-in moderator schedules meetings.
	ErrUnknownRoom = errors.New("token: room has no Meet Hour meeting")
	// ErrMemberEmailRequired means a member asked for a Meet Hour token
	// without an email: members join as their own contact, found or added
	// by email.
	ErrMemberEmailRequired = errors.New("token: Meet Hour members need an email address to join as themselves")
	// ErrNoMemberContact means a member cannot join as the contact of
	// their email: it is the organizer's or a host's, whose token would
	// moderate. They sign in as the moderator instead.
	ErrNoMemberContact = errors.New("token: this email belongs to a host of the Meet Hour meeting: sign in as the moderator")
)

// meetingRoom is a room name made from a Meet Hour meeting id, such as
// "mhr240416944" for MHR240416944 (see RoomOf).
var meetingRoom = regexp.MustCompile(`^mhr[0-9]{3,30}$`)

// RoomOf returns the room name of a Meet Hour meeting: its id in lower
// case, a valid room name that Issue maps back to the meeting.
func RoomOf(meetingID string) string { return strings.ToLower(meetingID) }

// MeetHourConfig configures the Meet Hour issuer.
type MeetHourConfig struct {
	// Meetings maps room names to ids of meetings already scheduled on
	// Meet Hour, such as "MHR240416944". Rooms named after a meeting
	// (RoomOf) need no entry: Issue checks such a meeting exists.
	Meetings map[string]string
	// ModeratorSchedules lets a moderator who opens a room without a
	// meeting schedule one, named after the room. Members never cause a
	// meeting to be scheduled.
	ModeratorSchedules bool
	// Cache holds the rooms' meetings, members' contacts and join
	// tokens; server instances sharing a cache share them. A bounded
	// in-process cache (DefaultMeetHourCacheEntries) when nil. Join
	// tokens are stored in it: a shared store must be private.
	Cache sharedcache.Cache
	// MeetingTTL is how long a room's meeting is remembered;
	// DefaultMeetingTTL when zero.
	MeetingTTL time.Duration
	// Location is the timezone scheduled meetings are expressed in; UTC
	// when nil. time.Local is refused.
	Location *time.Location
	// Duration is the planned length of scheduled meetings;
	// DefaultMeetingDuration when zero.
	Duration time.Duration
	// Options are the meeting options of scheduled meetings, such as
	// "JOIN_ANYTIME" or "ENABLE_LOBBY".
	Options []string
	// Now is the clock for scheduling and token expiry; time.Now when nil.
	Now func() time.Time
}

// MeetHour issues Meet Hour grants. Meet Hour mints the token; MeetHour
// fetches it with the REST client and gives the page only the token, the
// API key and the meeting's pcode. A moderator joins as the organizer; a
// member joins as their own contact, found or added by email and invited to
// the meeting. Meetings, contacts and tokens are cached in Config.Cache,
// and concurrent requests for the same one cause one upstream call.
type MeetHour struct {
	client  *meethour.Client
	cfg     MeetHourConfig
	now     func() time.Time
	cache   sharedcache.Cache
	flights singleflight.Group
	// invites serialise the view-then-edit of a meeting's attendees in
	// this process (and a lease in the cache, across the instances that
	// share it): editmeeting replaces them with old_attend plus attend, so
	// two invitations built from the same view would drop each other's
	// member.
	invites [inviteStripes]sync.Mutex
}

var _ Issuer = (*MeetHour)(nil)

// NewMeetHour returns a Meet Hour issuer that uses client, whose APIKey must
// be set.
func NewMeetHour(client *meethour.Client, cfg MeetHourConfig) (*MeetHour, error) {
	if err := checkMeetHour(client, &cfg); err != nil {
		return nil, fmt.Errorf("token: meethour config: %w", err)
	}
	mh := &MeetHour{client: client, cfg: cfg, now: clock(cfg.Now), cache: cfg.Cache}
	if mh.cache == nil {
		mh.cache = sharedcache.NewMemory(DefaultMeetHourCacheEntries)
	}
	return mh, nil
}

// checkMeetHour checks cfg and applies its defaults.
func checkMeetHour(client *meethour.Client, cfg *MeetHourConfig) error {
	if client == nil {
		return errors.New("a meethour.Client is required")
	}
	if client.APIKey() == "" {
		return errors.New("the client's APIKey is required: the page's script and constructor need it")
	}
	meetings := make(map[string]string, len(cfg.Meetings))
	for room, id := range cfg.Meetings {
		if err := ValidateRoom(room); err != nil {
			return fmt.Errorf("Meetings: %w", err)
		}
		if id == "" {
			return fmt.Errorf("Meetings: room %q has no meeting id", room)
		}
		meetings[room] = id
	}
	cfg.Meetings = meetings
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Location == time.Local {
		return errors.New("Location may not be time.Local: name a zone, such as time.LoadLocation(\"Asia/Kolkata\")")
	}
	switch {
	case cfg.Duration < 0:
		return fmt.Errorf("negative Duration %s", cfg.Duration)
	case cfg.Duration == 0:
		cfg.Duration = DefaultMeetingDuration
	}
	switch {
	case cfg.MeetingTTL < 0:
		return fmt.Errorf("negative MeetingTTL %s", cfg.MeetingTTL)
	case cfg.MeetingTTL == 0:
		cfg.MeetingTTL = DefaultMeetingTTL
	}
	cfg.Options = append([]string(nil), cfg.Options...)
	return nil
}

// Provider returns "meethour".
func (mh *MeetHour) Provider() string { return ProviderMeetHour }

// Client returns the REST client, for the console's calls.
func (mh *MeetHour) Client() *meethour.Client { return mh.client }

// Issue finds the room's meeting (scheduling it only for a moderator, and
// only with ModeratorSchedules) and fetches the organizer's token for a
// moderator or the member's own contact's token. Errors from Meet Hour keep
// their meethour sentinels (errors.Is(err, meethour.ErrUnavailable) and so
// on).
func (mh *MeetHour) Issue(ctx context.Context, r Request) (Grant, error) {
	if err := validateRequest(r); err != nil {
		return Grant{}, err
	}
	if !r.Moderator && r.Email == "" {
		return Grant{}, ErrMemberEmailRequired
	}
	g, err := mh.issue(ctx, r)
	if errors.Is(err, errMeetingGone) && r.Moderator && mh.cfg.ModeratorSchedules {
		g, err = mh.issue(ctx, r) // the room's meeting is forgotten: schedule it anew
	}
	if errors.Is(err, errMeetingGone) {
		err = fmt.Errorf("%w: %q (%w)", ErrUnknownRoom, r.Room, err)
	}
	return g, err
}

// errMeetingGone means the room's cached meeting was deleted upstream; the
// room is forgotten.
var errMeetingGone = errors.New("its meeting is gone from Meet Hour")

// issue is Issue for a checked request.
func (mh *MeetHour) issue(ctx context.Context, r Request) (Grant, error) {
	m, err := mh.meeting(ctx, r.Room, r.Moderator)
	if err != nil {
		return Grant{}, err
	}
	var contact int64 // 0: the organizer
	if !r.Moderator {
		contact, err = mh.memberContact(ctx, m, r)
	}
	var tok string
	if err == nil {
		tok, err = mh.jwt(ctx, m.ID, contact)
	}
	if err != nil {
		if mh.forgetIfGone(ctx, r.Room, m.ID, err) {
			return Grant{}, fmt.Errorf("%w: %s", errMeetingGone, m.ID)
		}
		if !strings.HasPrefix(err.Error(), "token: ") {
			err = fmt.Errorf("token: meethour: %w", err)
		}
		return Grant{}, err
	}
	return Grant{
		Provider:  ProviderMeetHour,
		Domain:    MeetHourDomain,
		RoomName:  m.ID,
		JWT:       tok,
		ScriptURL: meethour.ScriptURL(mh.client.APIKey()),
		APIKey:    mh.client.APIKey(),
		PCode:     m.PCode,
		ExpiresAt: expiryOf(tok),
	}, nil
}

// forgetIfGone drops the room's meeting when err is a "not found" answer
// and Meet Hour confirms the meeting is gone (deleted in the portal, say),
// so that the next request looks it up again; it reports whether it did.
func (mh *MeetHour) forgetIfGone(ctx context.Context, room, meetingID string, err error) bool {
	if !isNotFound(err) {
		return false
	}
	if _, verr := mh.client.ViewMeeting(ctx, meetingID); !isNotFound(verr) {
		return false
	}
	_ = mh.cache.Delete(ctx, roomKey(room))
	return true
}

// isNotFound reports whether err is a Meet Hour "not found" answer.
func isNotFound(err error) bool {
	var ae *meethour.APIError
	return errors.As(err, &ae) && (ae.Code == 404 || ae.Status == 404)
}

// Cache keys. Emails are hashed so that no address lands in a shared store.
func roomKey(room string) string { return "meethour/room/" + room }
func contactKey(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(email)))
	return "meethour/contact/" + hex.EncodeToString(sum[:16])
}
func attendeeKey(meetingID string, contact int64) string {
	return "meethour/attendee/" + meetingID + "/" + strconv.FormatInt(contact, 10)
}
func jwtKey(meetingID string, contact int64) string {
	return "meethour/jwt/" + meetingID + "/" + strconv.FormatInt(contact, 10)
}

// shared runs fn once for all concurrent callers of key. fn runs on a
// context detached from the first caller's, so that one caller giving up
// fails nobody else; each caller stops waiting when its own context ends.
func shared[T any](ctx context.Context, g *singleflight.Group, key string, fn func(ctx context.Context) (T, error)) (T, error) {
	ch := g.DoChan(key, func() (any, error) { return fn(context.WithoutCancel(ctx)) })
	select {
	case r := <-ch:
		if r.Err != nil {
			var zero T
			return zero, r.Err
		}
		return r.Val.(T), nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// RegisterMeeting makes room open meeting m, such as a meeting the
// moderator scheduled in the console, for MeetingTTL.
func (mh *MeetHour) RegisterMeeting(ctx context.Context, room string, m meethour.Meeting) error {
	if err := ValidateRoom(room); err != nil {
		return err
	}
	if m.ID == "" || m.PCode == "" {
		return errors.New("token: meethour: a meeting needs its id and pcode")
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return mh.cache.Set(ctx, roomKey(room), raw, mh.cfg.MeetingTTL)
}

// meeting returns the room's meeting from the cache, or finds it (a
// configured one, or one named by the room), or, for a moderator with
// ModeratorSchedules, schedules it.
func (mh *MeetHour) meeting(ctx context.Context, room string, moderator bool) (meethour.Meeting, error) {
	if m, ok := mh.cachedMeeting(ctx, room); ok {
		return m, nil
	}
	schedule := moderator && mh.cfg.ModeratorSchedules
	return shared(ctx, &mh.flights, fmt.Sprintf("room/%s/%t", room, schedule), func(ctx context.Context) (meethour.Meeting, error) {
		if schedule {
			// One meeting per room across the server instances sharing
			// the cache too: the others wait, then find it cached.
			lease, err := sharedcache.TakeLease(ctx, mh.cache, scheduleLeaseKey(room), meetHourLeaseTTL)
			if err != nil {
				return meethour.Meeting{}, fmt.Errorf("token: meethour: scheduling the meeting: %w", err)
			}
			defer func() { _ = lease.Release(ctx) }()
		}
		if m, ok := mh.cachedMeeting(ctx, room); ok {
			return m, nil
		}
		m, err := mh.lookup(ctx, room, schedule)
		if err != nil {
			return meethour.Meeting{}, err
		}
		if err := mh.RegisterMeeting(ctx, room, m); err != nil {
			return meethour.Meeting{}, fmt.Errorf("token: meethour: caching the meeting: %w", err)
		}
		return m, nil
	})
}

// cachedMeeting reads the room's meeting from the cache.
func (mh *MeetHour) cachedMeeting(ctx context.Context, room string) (meethour.Meeting, bool) {
	raw, ok, err := mh.cache.Get(ctx, roomKey(room))
	if err != nil || !ok {
		return meethour.Meeting{}, false
	}
	var m meethour.Meeting
	if json.Unmarshal(raw, &m) != nil || m.ID == "" {
		return meethour.Meeting{}, false
	}
	return m, true
}

// lookup finds the configured meeting of room or the meeting it is named
// after, or schedules one when allowed.
func (mh *MeetHour) lookup(ctx context.Context, room string, schedule bool) (meethour.Meeting, error) {
	id, configured := mh.cfg.Meetings[room]
	if !configured && meetingRoom.MatchString(room) {
		id = strings.ToUpper(room)
	}
	if id != "" {
		d, err := mh.client.ViewMeeting(ctx, id)
		switch {
		case err == nil && d.PCode == "":
			return meethour.Meeting{}, fmt.Errorf("token: meethour: meeting %s has no pcode", d.ID)
		case err == nil:
			return d.Meeting, nil
		case !configured && isNotFound(err):
			// No such meeting: the room is an ordinary name after all.
		default:
			return meethour.Meeting{}, fmt.Errorf("token: meethour: %w", err)
		}
	}
	if !schedule {
		return meethour.Meeting{}, fmt.Errorf("%w: %q", ErrUnknownRoom, room)
	}
	m, err := mh.client.ScheduleMeeting(ctx, meethour.ScheduleRequest{
		Name:     room,
		Passcode: rand.Text()[:12],
		Start:    mh.now().In(mh.cfg.Location),
		Duration: mh.cfg.Duration,
		Options:  mh.cfg.Options,
	})
	if err != nil {
		return meethour.Meeting{}, fmt.Errorf("token: meethour: %w", err)
	}
	return m, nil
}

// memberContact returns the contact id a member joins as: the contact of
// their email, added when the account has none, and invited to the
// meeting. An email of the organizer or a host is refused.
func (mh *MeetHour) memberContact(ctx context.Context, m meethour.Meeting, r Request) (int64, error) {
	id, err := mh.contactOf(ctx, r)
	if err != nil {
		return 0, err
	}
	key := attendeeKey(m.ID, id)
	if _, ok, err := mh.cache.Get(ctx, key); err == nil && ok {
		return id, nil
	}
	_, err = shared(ctx, &mh.flights, key, func(ctx context.Context) (struct{}, error) {
		lock := mh.inviteLock(m.ID)
		lock.Lock()
		defer lock.Unlock()
		lease, err := sharedcache.TakeLease(ctx, mh.cache, inviteLeaseKey(m.ID), meetHourLeaseTTL)
		if err != nil {
			return struct{}{}, fmt.Errorf("token: meethour: inviting the member: %w", err)
		}
		defer func() { _ = lease.Release(context.WithoutCancel(ctx)) }()
		d, err := mh.client.ViewMeeting(ctx, m.ID)
		if err != nil {
			return struct{}{}, fmt.Errorf("token: meethour: %w", err)
		}
		if d.IsHostEmail(r.Email) {
			return struct{}{}, ErrNoMemberContact
		}
		if !d.HasContact(id) {
			keep := make([]meethour.Invitee, 0, len(d.Attendees))
			for _, a := range d.Attendees {
				if a.ContactID > 0 {
					keep = append(keep, meethour.Invitee{ContactID: a.ContactID})
				}
			}
			if err := mh.client.EditMeeting(ctx, m.ID, meethour.MeetingChange{
				Attendees: []meethour.Invitee{{ContactID: id}}, KeepAttendees: keep,
			}); err != nil {
				return struct{}{}, fmt.Errorf("token: meethour: inviting the member: %w", err)
			}
		}
		_ = mh.cache.Set(ctx, key, []byte{1}, mh.cfg.MeetingTTL)
		return struct{}{}, nil
	})
	return id, err
}

// meetHourLeaseTTL bounds how long an instance holds a lease
// (inviteLeaseKey, scheduleLeaseKey): longer than two requests at the
// client's default timeout, so that a live holder keeps it, and short
// enough that the lease of an instance that died is free again soon.
const meetHourLeaseTTL = 4 * meethour.DefaultTimeout

// scheduleLeaseKey is the cache key of the lease of the instance
// scheduling a room's meeting.
func scheduleLeaseKey(room string) string { return "meethour/schedule-lease/" + room }

// inviteLeaseKey is the cache key of the lease that serialises the
// invitations to a meeting across the server instances sharing the cache;
// inviteLock does it within this one.
func inviteLeaseKey(meetingID string) string { return "meethour/invite-lease/" + meetingID }

// inviteLock returns the lock that serialises the invitations to a
// meeting in this process: one of inviteStripes, chosen by the meeting id,
// so that the locks are bounded however many meetings there are. Server
// instances sharing a cache do not share it: two instances inviting to the
// same meeting at once can still drop a member from its attendee list:
// Meet Hour offers no atomic "add one attendee".
func (mh *MeetHour) inviteLock(meetingID string) *sync.Mutex {
	h := fnv.New32a()
	_, _ = h.Write([]byte(meetingID))
	return &mh.invites[h.Sum32()%inviteStripes]
}

// contactOf returns the contact id of the member's email, finding or
// adding the contact once for all concurrent callers.
func (mh *MeetHour) contactOf(ctx context.Context, r Request) (int64, error) {
	key := contactKey(r.Email)
	if raw, ok, err := mh.cache.Get(ctx, key); err == nil && ok {
		if id, err := strconv.ParseInt(string(raw), 10, 64); err == nil && id > 0 {
			return id, nil
		}
	}
	return shared(ctx, &mh.flights, key, func(ctx context.Context) (int64, error) {
		first, last := contactName(r)
		c, err := mh.client.FindOrAddContact(ctx, meethour.ContactInput{Email: r.Email, FirstName: first, LastName: last})
		if err != nil {
			return 0, fmt.Errorf("token: meethour: contact: %w", err)
		}
		_ = mh.cache.Set(ctx, key, []byte(strconv.FormatInt(c.ID, 10)), mh.cfg.MeetingTTL)
		return c.ID, nil
	})
}

// contactName splits the display name into a first and last name, or
// takes the email's local part when there is no name.
func contactName(r Request) (first, last string) {
	name := strings.TrimSpace(r.DisplayName)
	if name == "" {
		if a, err := mail.ParseAddress(r.Email); err == nil {
			name, _, _ = strings.Cut(a.Address, "@")
		}
	}
	first, last, _ = strings.Cut(name, " ")
	return first, strings.TrimSpace(last)
}

// jwt returns the join token of contact (0: the organizer) for a meeting,
// cached until shortly before it expires.
func (mh *MeetHour) jwt(ctx context.Context, meetingID string, contact int64) (string, error) {
	key := jwtKey(meetingID, contact)
	if raw, ok, err := mh.cache.Get(ctx, key); err == nil && ok {
		if exp := expiryOf(string(raw)); exp.IsZero() || mh.now().Before(exp.Add(-jwtMargin)) {
			return string(raw), nil
		}
	}
	return shared(ctx, &mh.flights, key, func(ctx context.Context) (string, error) {
		var opts []meethour.JWTOption
		if contact != 0 {
			opts = append(opts, meethour.WithContactID(contact))
		}
		tok, err := mh.client.GetJWT(ctx, meetingID, opts...)
		if err != nil {
			return "", err
		}
		if ttl := mh.jwtTTL(tok); ttl > 0 {
			_ = mh.cache.Set(ctx, key, []byte(tok), ttl)
		}
		return tok, nil
	})
}

// jwtTTL is how long a token may be cached: until jwtMargin (at most a
// tenth of its remaining life) before its exp; 0 when it has no exp.
func (mh *MeetHour) jwtTTL(tok string) time.Duration {
	exp := expiryOf(tok)
	if exp.IsZero() {
		return 0
	}
	left := exp.Sub(mh.now())
	return left - min(jwtMargin, left/10)
}

// expiryOf reads the exp claim of a Meet Hour token without verifying it
// (only Meet Hour holds its key); zero when it has none.
func expiryOf(tok string) time.Time {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(tok, claims); err != nil {
		return time.Time{}
	}
	exp, err := claims.GetExpirationTime()
	if err != nil || exp == nil {
		return time.Time{}
	}
	return exp.Time.UTC()
}

// String describes the issuer without the client's secrets.
func (mh *MeetHour) String() string {
	return fmt.Sprintf("token.MeetHour{ModeratorSchedules:%t Rooms:%d Client:%s}", mh.cfg.ModeratorSchedules, len(mh.cfg.Meetings), mh.client)
}

// GoString is String, so that %#v redacts too.
func (mh *MeetHour) GoString() string { return mh.String() }

// LogValue logs the issuer without the client's secrets.
func (mh *MeetHour) LogValue() slog.Value {
	return slog.GroupValue(slog.Bool("moderator_schedules", mh.cfg.ModeratorSchedules), slog.Any("client", mh.client))
}
