package token

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/meetbridge/meetbridge/meethour"
)

// MeetHourDomain is the External API domain of Meet Hour.
const MeetHourDomain = "meethour.io"

// DefaultMeetingDuration is the planned length of meetings MeetHour
// schedules when MeetHourConfig.Duration is zero.
const DefaultMeetingDuration = time.Hour

var (
	// ErrUnknownRoom means a room has no Meet Hour meeting and MeetHour may
	// not schedule one.
	ErrUnknownRoom = errors.New("token: room has no Meet Hour meeting")
	// ErrNoMemberContact means a non-moderator asked for a Meet Hour token
	// without a contact to join as: MeetHourConfig.Contact is not set or
	// returned 0.
	ErrNoMemberContact = errors.New("token: Meet Hour members need a contact id (MeetHourConfig.Contact)")
)

// MeetHourConfig configures the Meet Hour issuer.
type MeetHourConfig struct {
	// Meetings maps room names to ids of meetings already scheduled on
	// Meet Hour, such as "MHR240416944".
	Meetings map[string]string
	// Schedule lets the issuer schedule a meeting, named after the room,
	// the first time a room not in Meetings is asked for; it reuses that
	// meeting afterwards, for the life of the issuer.
	Schedule bool
	// Location is the timezone scheduled meetings are expressed in; UTC
	// when nil. time.Local is refused.
	Location *time.Location
	// Duration is the planned length of scheduled meetings;
	// DefaultMeetingDuration when zero.
	Duration time.Duration
	// Options are the meeting options of scheduled meetings, such as
	// "JOIN_ANYTIME" or "ENABLE_LOBBY".
	Options []string
	// Contact returns the Meet Hour contact id r joins as: an attendee's
	// for a member, a host's for a moderator (the meeting's hosts decide
	// who moderates on Meet Hour's side). 0 means the organizer, the
	// account owner, who moderates: a token fetched without a contact id
	// is the organizer's, so 0 is refused for members with
	// ErrNoMemberContact. When Contact is nil, moderators join as the
	// organizer and members are refused.
	Contact func(ctx context.Context, r Request) (int64, error)
	// Now is the clock for scheduling; time.Now when nil.
	Now func() time.Time
}

// MeetHour issues Meet Hour grants. Meet Hour mints the token; MeetHour
// fetches it with the REST client and gives the page only the token, the
// API key and the meeting's pcode.
type MeetHour struct {
	client *meethour.Client
	cfg    MeetHourConfig
	now    func() time.Time

	mu    sync.Mutex
	rooms map[string]*meetingLookup // by room name
}

// meetingLookup is a room's meeting, found or being found; m and err are
// set once done is closed.
type meetingLookup struct {
	done          chan struct{}
	m             meethour.Meeting
	err           error
	leaderStopped bool
}

var _ Issuer = (*MeetHour)(nil)

// NewMeetHour returns a Meet Hour issuer that uses client, whose APIKey must
// be set.
func NewMeetHour(client *meethour.Client, cfg MeetHourConfig) (*MeetHour, error) {
	if err := checkMeetHour(client, &cfg); err != nil {
		return nil, fmt.Errorf("token: meethour config: %w", err)
	}
	return &MeetHour{client: client, cfg: cfg, now: clock(cfg.Now), rooms: map[string]*meetingLookup{}}, nil
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
	cfg.Options = append([]string(nil), cfg.Options...)
	return nil
}

// Provider returns "meethour".
func (mh *MeetHour) Provider() string { return ProviderMeetHour }

// Issue finds or schedules the room's meeting and fetches the token of the
// contact Config.Contact names, or the organizer's for a moderator without
// one. Errors from Meet Hour keep their meethour sentinels
// (errors.Is(err, meethour.ErrUnavailable) and so on).
func (mh *MeetHour) Issue(ctx context.Context, r Request) (Grant, error) {
	if err := validateRequest(r); err != nil {
		return Grant{}, err
	}
	var contact int64
	if mh.cfg.Contact != nil {
		var err error
		if contact, err = mh.cfg.Contact(ctx, r); err != nil {
			return Grant{}, fmt.Errorf("token: meethour: contact: %w", err)
		}
		if contact < 0 {
			return Grant{}, fmt.Errorf("token: meethour: contact id %d is negative", contact)
		}
	}
	if contact == 0 && !r.Moderator {
		return Grant{}, ErrNoMemberContact
	}
	var opts []meethour.JWTOption
	if contact != 0 {
		opts = append(opts, meethour.WithContactID(contact))
	}
	m, err := mh.meeting(ctx, r.Room)
	if err != nil {
		return Grant{}, err
	}
	tok, err := mh.client.GetJWT(ctx, m.ID, opts...)
	if err != nil {
		var ae *meethour.APIError
		if errors.As(err, &ae) && (ae.Code == 404 || ae.Status == 404) {
			mh.forget(r.Room, m.ID) // deleted upstream: look it up again next time
		}
		return Grant{}, fmt.Errorf("token: meethour: %w", err)
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

// meeting returns the room's meeting, looking it up or scheduling it once
// however many callers ask at the same time. A failed lookup is not kept.
func (mh *MeetHour) meeting(ctx context.Context, room string) (meethour.Meeting, error) {
	for {
		mh.mu.Lock()
		if l, ok := mh.rooms[room]; ok {
			mh.mu.Unlock()
			select {
			case <-l.done:
			case <-ctx.Done():
				return meethour.Meeting{}, ctx.Err()
			}
			if l.err == nil || !l.leaderStopped {
				return l.m, l.err
			}
			if err := ctx.Err(); err != nil {
				return meethour.Meeting{}, err
			}
			continue // the first caller gave up, not Meet Hour: try ourselves
		}
		l := &meetingLookup{done: make(chan struct{})}
		mh.rooms[room] = l
		mh.mu.Unlock()

		l.m, l.err = mh.lookup(ctx, room)
		l.leaderStopped = ctx.Err() != nil
		if l.err != nil {
			mh.mu.Lock()
			delete(mh.rooms, room)
			mh.mu.Unlock()
		}
		close(l.done)
		return l.m, l.err
	}
}

// forget drops the room's meeting if it is still id.
func (mh *MeetHour) forget(room, id string) {
	mh.mu.Lock()
	defer mh.mu.Unlock()
	if l, ok := mh.rooms[room]; ok {
		select {
		case <-l.done:
			if l.m.ID == id {
				delete(mh.rooms, room)
			}
		default:
		}
	}
}

// lookup finds the configured meeting of room, or schedules one.
func (mh *MeetHour) lookup(ctx context.Context, room string) (meethour.Meeting, error) {
	var (
		m   meethour.Meeting
		err error
	)
	if id, ok := mh.cfg.Meetings[room]; ok {
		var d meethour.MeetingDetails
		d, err = mh.client.ViewMeeting(ctx, id)
		m = d.Meeting
	} else if mh.cfg.Schedule {
		m, err = mh.client.ScheduleMeeting(ctx, meethour.ScheduleRequest{
			Name:     room,
			Passcode: rand.Text()[:12],
			Start:    mh.now().In(mh.cfg.Location),
			Duration: mh.cfg.Duration,
			Options:  mh.cfg.Options,
		})
	} else {
		return meethour.Meeting{}, fmt.Errorf("%w: %q", ErrUnknownRoom, room)
	}
	if err != nil {
		return meethour.Meeting{}, fmt.Errorf("token: meethour: %w", err)
	}
	if m.PCode == "" {
		return meethour.Meeting{}, fmt.Errorf("token: meethour: meeting %s has no pcode", m.ID)
	}
	return m, nil
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
	return fmt.Sprintf("token.MeetHour{Schedule:%t Rooms:%d Client:%s}", mh.cfg.Schedule, len(mh.cfg.Meetings), mh.client)
}

// GoString is String, so that %#v redacts too.
func (mh *MeetHour) GoString() string { return mh.String() }

// LogValue logs the issuer without the client's secrets.
func (mh *MeetHour) LogValue() slog.Value {
	return slog.GroupValue(slog.Bool("schedule", mh.cfg.Schedule), slog.Any("client", mh.client))
}
