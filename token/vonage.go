package token

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/vonage"
)

// ProviderVonage names Vonage Meetings.
const ProviderVonage = "vonage"

// ErrRoomNotOpened means a member asked for a Vonage room that no
// moderator has opened (or that has expired since): only moderators make
// rooms upstream.
var ErrRoomNotOpened = errors.New("token: the moderator has not opened this room yet")

// Defaults of VonageConfig.
const (
	// DefaultVonageRoomTTL is how long a Vonage room lives when
	// VonageConfig.RoomTTL is zero.
	DefaultVonageRoomTTL = 24 * time.Hour
	// DefaultVonageCacheEntries bounds the in-process room cache when
	// VonageConfig.Cache is nil.
	DefaultVonageCacheEntries = 1000
)

// vonageCacheMargin is how long before a room expires the issuer stops
// handing it out, so that nobody joins a room about to close.
const vonageCacheMargin = 10 * time.Minute

// VonageConfig configures the Vonage issuer.
type VonageConfig struct {
	// Cache holds each room by name (guest and host URL included, so a
	// shared store must be as private as the server); a bounded
	// sharedcache.Memory of DefaultVonageCacheEntries when nil.
	Cache sharedcache.Cache
	// RoomTTL is how long a room lives: rooms are long-term rooms that
	// expire RoomTTL after creation (at least 30 minutes);
	// DefaultVonageRoomTTL when zero.
	RoomTTL time.Duration
	// CallbackURLs, when set, are put in every room, so that Vonage
	// posts its callbacks there.
	CallbackURLs *vonage.CallbackURLs
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Vonage issues Vonage Meetings grants. A Vonage room has no External API
// and no join token: it is embedded by URL, the guest URL for members and
// the host URL (owner rights) for moderators. The first moderator to ask
// for a room name creates a room for it; everyone then gets that room until
// shortly before it expires. Members never create rooms.
type Vonage struct {
	client *vonage.Client
	cfg    VonageConfig
	now    func() time.Time
	group  singleflight.Group
}

var _ Issuer = (*Vonage)(nil)

// vonageRoom is a room as cached.
type vonageRoom struct {
	ID        string    `json:"id"`
	GuestURL  string    `json:"guest_url"`
	HostURL   string    `json:"host_url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// NewVonage returns a Vonage issuer that uses client.
func NewVonage(client *vonage.Client, cfg VonageConfig) (*Vonage, error) {
	if client == nil {
		return nil, errors.New("token: vonage config: a vonage.Client is required")
	}
	switch {
	case cfg.RoomTTL == 0:
		cfg.RoomTTL = DefaultVonageRoomTTL
	case cfg.RoomTTL < 30*time.Minute:
		return nil, fmt.Errorf("token: vonage config: RoomTTL %s is shorter than 30 minutes", cfg.RoomTTL)
	}
	if cfg.Cache == nil {
		cfg.Cache = sharedcache.NewMemory(DefaultVonageCacheEntries)
	}
	return &Vonage{client: client, cfg: cfg, now: clock(cfg.Now)}, nil
}

// Provider returns "vonage".
func (v *Vonage) Provider() string { return ProviderVonage }

// Issue returns the room's host URL to a moderator (creating the room when
// there is none) and its guest URL to anyone else, or ErrRoomNotOpened.
// The grant's RoomURL is the page to embed; RoomName is the room name asked
// for and Domain the URL's host.
func (v *Vonage) Issue(ctx context.Context, r Request) (Grant, error) {
	if err := validateRequest(r); err != nil {
		return Grant{}, err
	}
	room, err := v.room(ctx, r.Room, r.Moderator)
	if err != nil {
		return Grant{}, err
	}
	link := room.GuestURL
	if r.Moderator {
		link = room.HostURL
	}
	host, ok := httpsHost(link)
	if !ok {
		return Grant{}, fmt.Errorf("token: vonage: room %s: %w: its URL is not https", room.ID, vonage.ErrMalformedResponse)
	}
	return Grant{Provider: ProviderVonage, Domain: host, RoomName: r.Room, RoomURL: link, ExpiresAt: room.ExpiresAt}, nil
}

// httpsHost returns the host of an https URL; ok is false for anything
// else.
func httpsHost(link string) (host string, ok bool) {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return "", false
	}
	return u.Host, true
}

// cacheKey is where a room name's room is cached.
func cacheKey(name string) string { return "vonage:room:" + name }

// leaseKey is the lease of the instance creating name's room.
func leaseKey(name string) string { return "vonage:room-lease:" + name }

// vonageLeaseTTL bounds how long an instance holds a room's creation
// lease: longer than a creation at the client's default timeout, and short
// enough that the lease of an instance that died is free again soon.
const vonageLeaseTTL = 4 * vonage.DefaultTimeout

// idKey maps a room id back to its name, for ForgetRoom.
func idKey(id string) string { return "vonage:room-id:" + id }

// room returns the cached room of name, or creates one for a moderator.
func (v *Vonage) room(ctx context.Context, name string, moderator bool) (vonageRoom, error) {
	if room, ok, err := v.cached(ctx, name); err != nil || ok {
		return room, err
	}
	if !moderator {
		return vonageRoom{}, fmt.Errorf("%w: %q", ErrRoomNotOpened, name)
	}
	// One creation per name however many moderators ask at once; it runs
	// on its own, so that a caller who gives up does not fail the others.
	ch := v.group.DoChan(name, func() (any, error) {
		ctx := context.WithoutCancel(ctx)
		// And one across the server instances sharing the cache: the
		// others wait for the lease, then find the room cached.
		lease, err := sharedcache.TakeLease(ctx, v.cfg.Cache, leaseKey(name), vonageLeaseTTL)
		if err != nil {
			return vonageRoom{}, fmt.Errorf("token: vonage: creating room %q: %w", name, err)
		}
		defer func() { _ = lease.Release(ctx) }()
		if room, ok, err := v.cached(ctx, name); err != nil || ok {
			return room, err
		}
		return v.create(ctx, name)
	})
	select {
	case res := <-ch:
		if res.Err != nil {
			return vonageRoom{}, res.Err
		}
		return res.Val.(vonageRoom), nil
	case <-ctx.Done():
		return vonageRoom{}, ctx.Err()
	}
}

// cached reads name's room from the cache, ignoring one about to expire.
func (v *Vonage) cached(ctx context.Context, name string) (vonageRoom, bool, error) {
	raw, ok, err := v.cfg.Cache.Get(ctx, cacheKey(name))
	if err != nil {
		return vonageRoom{}, false, fmt.Errorf("token: vonage: room cache: %w", err)
	}
	if !ok {
		return vonageRoom{}, false, nil
	}
	var room vonageRoom
	if json.Unmarshal(raw, &room) != nil || room.GuestURL == "" || room.HostURL == "" {
		_ = v.cfg.Cache.Delete(ctx, cacheKey(name))
		return vonageRoom{}, false, nil
	}
	if !room.ExpiresAt.After(v.now().Add(vonageCacheMargin)) {
		return vonageRoom{}, false, nil
	}
	return room, true, nil
}

// create makes a long-term room for name upstream and caches it.
func (v *Vonage) create(ctx context.Context, name string) (vonageRoom, error) {
	expires := v.now().Add(v.cfg.RoomTTL)
	created, err := v.client.CreateRoom(ctx, vonage.CreateRoomRequest{
		DisplayName:  name,
		Metadata:     "meetbridge room " + name,
		Type:         vonage.RoomLongTerm,
		ExpiresAt:    expires,
		CallbackURLs: v.cfg.CallbackURLs,
	})
	if err != nil {
		return vonageRoom{}, fmt.Errorf("token: vonage: %w", err)
	}
	// A room that could not be served is not cached: the next moderator
	// gets a new one instead of this one's error until it expires.
	_, guestOK := httpsHost(created.GuestURL())
	_, hostOK := httpsHost(created.HostURL())
	if !guestOK || !hostOK {
		return vonageRoom{}, fmt.Errorf("token: vonage: room %s: %w: its guest and host URLs must be https", created.ID, vonage.ErrMalformedResponse)
	}
	if !created.ExpiresAt.IsZero() {
		expires = created.ExpiresAt
	}
	room := vonageRoom{ID: created.ID, GuestURL: created.GuestURL(), HostURL: created.HostURL(), ExpiresAt: expires.UTC()}
	raw, err := json.Marshal(room)
	if err != nil {
		return vonageRoom{}, err
	}
	ttl := room.ExpiresAt.Sub(v.now()) - vonageCacheMargin
	if ttl > 0 {
		// A cache that fails costs a second room later, not this join.
		_ = v.cfg.Cache.Set(ctx, cacheKey(name), raw, ttl)
		_ = v.cfg.Cache.Set(ctx, idKey(room.ID), []byte(name), ttl)
	}
	return room, nil
}

// ForgetRoom drops a room from the cache by its id, when Vonage says it
// expired: the next moderator creates a new one.
func (v *Vonage) ForgetRoom(ctx context.Context, id string) error {
	name, ok, err := v.cfg.Cache.Get(ctx, idKey(id))
	if err != nil || !ok {
		return err
	}
	raw, ok, err := v.cfg.Cache.Get(ctx, cacheKey(string(name)))
	if err != nil {
		return err
	}
	var room vonageRoom
	if ok && json.Unmarshal(raw, &room) == nil && room.ID == id {
		if err := v.cfg.Cache.Delete(ctx, cacheKey(string(name))); err != nil {
			return err
		}
	}
	return v.cfg.Cache.Delete(ctx, idKey(id))
}

// String describes the issuer without the client's key.
func (v *Vonage) String() string {
	return fmt.Sprintf("token.Vonage{RoomTTL:%s Client:%s}", v.cfg.RoomTTL, v.client)
}

// LogValue logs the issuer without the client's key.
func (v *Vonage) LogValue() slog.Value {
	return slog.GroupValue(slog.Duration("room_ttl", v.cfg.RoomTTL), slog.String("client", v.client.String()))
}
