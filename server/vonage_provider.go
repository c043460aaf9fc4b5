package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/meetbridge/meetbridge/internal/loopback"
	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/server/eventfeed"
	"github.com/meetbridge/meetbridge/token"
	"github.com/meetbridge/meetbridge/vonage"
)

// VonageCallbackPath is where Vonage's callbacks are received, with the
// callback token as the query's token (queries are never logged).
const VonageCallbackPath = "/vonage/callbacks"

// vonageMeetingsOrigin is where Vonage rooms are served, for the page's
// frame-src and Permissions-Policy.
const vonageMeetingsOrigin = "https://meetings.vonage.com"

// minCallbackToken is the shortest callback token accepted: the token in
// the path is the callbacks' only protection, as Vonage signs nothing.
const minCallbackToken = 32

// VonageSettings configure Vonage Meetings (switched off by Vonage on
// 2025-06-30; tested against vonagetest).
type VonageSettings struct {
	// BaseURL is the API's base; vonage.DefaultBaseURL when empty.
	BaseURL string
	// ApplicationID and PrivateKeyPEM are the application's credentials:
	// a UUID and an RSA key of at least 2048 bits.
	ApplicationID string
	PrivateKeyPEM []byte
	// CallbackToken, at least 32 characters, enables the callbacks at
	// VonageCallbackPath?token=CallbackToken; they reach the console's
	// event log.
	CallbackToken string
	// CallbackBase is the public origin Vonage reaches this server at
	// (https); with it every room made names the callback URL.
	CallbackBase string
	// RoomTTL is how long rooms live; token.DefaultVonageRoomTTL when
	// zero.
	RoomTTL time.Duration
	// Cache holds the rooms by name; a bounded in-process cache when nil,
	// a shared one (Redis) when several instances serve one site.
	Cache sharedcache.Cache
}

// String describes v with the private key and the callback token
// redacted.
func (v VonageSettings) String() string {
	return fmt.Sprintf("server.VonageSettings{BaseURL:%s ApplicationID:%s PrivateKeyPEM:%s CallbackToken:%s CallbackBase:%s RoomTTL:%s}",
		v.BaseURL, v.ApplicationID, setOrNot(len(v.PrivateKeyPEM) > 0), setOrNot(v.CallbackToken != ""), v.CallbackBase, v.RoomTTL)
}

// GoString is String, so that %#v (of a whole Config too) redacts.
func (v VonageSettings) GoString() string { return v.String() }

// LogValue logs v with the private key and the callback token redacted.
func (v VonageSettings) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", v.BaseURL), slog.String("application_id", v.ApplicationID),
		slog.Bool("private_key_set", len(v.PrivateKeyPEM) > 0), slog.Bool("callback_token_set", v.CallbackToken != ""),
		slog.String("callback_base", v.CallbackBase), slog.Duration("room_ttl", v.RoomTTL))
}

// setOrNot shows whether a secret is set without showing it.
func setOrNot(set bool) string {
	if set {
		return "[redacted]"
	}
	return "<none>"
}

// newVonageIssuer builds the Vonage issuer; it refuses missing or weak
// credentials and a short callback token.
func newVonageIssuer(c Config) (*token.Vonage, error) {
	v := c.Vonage
	var errs []error
	if v.CallbackToken != "" && len(v.CallbackToken) < minCallbackToken {
		errs = append(errs, fmt.Errorf("the callback token is %d characters long: use at least %d random ones", len(v.CallbackToken), minCallbackToken))
	}
	var callbacks *vonage.CallbackURLs
	if v.CallbackBase != "" {
		base, err := checkCallbackBase(v.CallbackBase)
		switch {
		case err != nil:
			errs = append(errs, err)
		case v.CallbackToken == "":
			errs = append(errs, errors.New("a callback base needs a callback token (MEETBRIDGE_VONAGE_CALLBACK_TOKEN)"))
		default:
			u := base + VonageCallbackPath + "?" + url.Values{"token": {v.CallbackToken}}.Encode()
			callbacks = &vonage.CallbackURLs{RoomsCallbackURL: u, SessionsCallbackURL: u, RecordingsCallbackURL: u}
		}
	}
	client, err := vonage.New(vonage.Config{
		ApplicationID: v.ApplicationID, PrivateKeyPEM: v.PrivateKeyPEM, BaseURL: v.BaseURL, Timeout: c.UpstreamTimeout,
	})
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("server: vonage: %w", err)
	}
	issuer, err := token.NewVonage(client, token.VonageConfig{Cache: v.Cache, RoomTTL: v.RoomTTL, CallbackURLs: callbacks})
	if err != nil {
		return nil, fmt.Errorf("server: vonage: %w", err)
	}
	return issuer, nil
}

// checkCallbackBase accepts an https origin, or http on a loopback host.
func checkCallbackBase(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return "", fmt.Errorf("callback base %q must be an origin such as https://meet.example.com", s)
	}
	if !loopback.SecureScheme(u) {
		return "", fmt.Errorf("callback base %q must use https", s)
	}
	return strings.TrimSuffix(u.Scheme+"://"+u.Host, "/"), nil
}

// routeVonage receives Vonage's callbacks when the provider is Vonage and
// a callback token is set: each decoded callback is published to the
// event feed, and an expired room is forgotten. A wrong token is 404.
func (s *Server) routeVonage(mux *http.ServeMux) {
	issuer, ok := s.api.issuer.(*token.Vonage)
	if s.cfg.Provider != ProviderVonage || !ok || s.cfg.Vonage.CallbackToken == "" {
		return
	}
	want := []byte(s.cfg.Vonage.CallbackToken)
	callbacks := vonage.CallbackHandler{OnEvent: func(ctx context.Context, e vonage.CallbackEvent) {
		if re, ok := e.(*vonage.RoomExpired); ok {
			if err := issuer.ForgetRoom(ctx, re.RoomID); err != nil {
				s.log.Warn("vonage: forgetting an expired room", "room_id", re.RoomID, "err", err)
			}
		}
		ev, err := eventfeed.NewEvent("vonage", e.EventName(), e)
		if err != nil {
			s.log.Error("vonage: callback event", "event", e.EventName(), "err", err)
			return
		}
		s.events.Publish(ev)
	}}
	mux.Handle(VonageCallbackPath, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("token")), want) != 1 {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		callbacks.ServeHTTP(w, r)
	}))
}

// vonageTokenError answers the errors of the Vonage issuer; ok is false for
// any other error.
func vonageTokenError(err error) (status int, code, message string, ok bool) {
	switch {
	case errors.Is(err, token.ErrRoomNotOpened):
		return http.StatusNotFound, "room_not_open", "the moderator has not opened this room yet: try again once they have", true
	case errors.Is(err, vonage.ErrUnavailable):
		return http.StatusBadGateway, "upstream_unavailable", "the meeting provider is not answering: try again shortly", true
	case errors.Is(err, vonage.ErrMalformedResponse), errors.Is(err, vonage.ErrAuth), errors.As(err, new(*vonage.APIError)):
		return http.StatusBadGateway, "upstream_error", "the meeting provider could not open the room", true
	}
	return 0, "", "", false
}
