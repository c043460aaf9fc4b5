// Command server serves meetbridge: the go-app pages and their WebAssembly
// bundle, the join-token API and, for the default provider, the sandbox
// conference.
//
//	server -addr 127.0.0.1:8080 -wasm dist/app.wasm
//
// Secrets come from the environment or from files (NAME_FILE), never from
// flags:
//
//	MEETBRIDGE_MODERATOR_PASSWORD_HASH   bcrypt hash of the console password (server -hash-password makes one)
//	MEETBRIDGE_SANDBOX_CONTROL_TOKEN     enables the sandbox control
//	MEETBRIDGE_JITSI_APP_SECRET          HS256 secret (jitsi), or
//	MEETBRIDGE_JITSI_PRIVATE_KEY         RS256 key in PEM (jitsi, with -jitsi-kid)
//	MEETBRIDGE_JAAS_PRIVATE_KEY          RS256 key in PEM (jaas)
//	MEETBRIDGE_MEETHOUR_CLIENT_SECRET, MEETBRIDGE_MEETHOUR_PASSWORD, MEETBRIDGE_MEETHOUR_API_KEY
//	MEETBRIDGE_VONAGE_APPLICATION_ID, MEETBRIDGE_VONAGE_PRIVATE_KEY (PEM), MEETBRIDGE_VONAGE_CALLBACK_TOKEN (optional)
//	MEETBRIDGE_MEETHOUR_WEBHOOK_SECRET   enables Meet Hour webhooks at /webhooks/meethour (at least 16 bytes)
//	MEETBRIDGE_REDIS_URL                 Redis for sessions, limits and caches shared by every instance (or -redis-url without a password)
//	MEETBRIDGE_METRICS_TOKEN             serves /metrics on the public listener to "Authorization: Bearer <token>"
//
// Several instances behind a load balancer share Redis (-redis-url) and
// believe the balancer's X-Forwarded-For (-trusted-proxies); see
// docs/deploy.md. -metrics-addr serves Prometheus metrics on a separate
// (private) listener.
//
// The server refuses to start when the chosen provider's secrets are missing
// or weak. With -tls-addr the same routes are also served over HTTPS with a
// self-signed certificate generated at start, so that the real Jitsi
// external_api.js (which always uses https) can drive the sandbox.
package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/time/rate"

	"github.com/meetbridge/meetbridge/sandbox"
	"github.com/meetbridge/meetbridge/server"
)

// flags are the command line.
type flags struct {
	addr, tlsAddr, publicHost, wasm, provider       string
	controlTokenFile, devModeratorFile              string
	moderatorUser                                   string
	insecureCookies, hashPassword                   bool
	jitsiDomain, jitsiAppID, jitsiKID, jitsiSubject string
	jaasAppID, jaasKeyID                            string
	meetHourBaseURL, meetHourClientID, meetHourUser string
	vonageBaseURL, vonageCallbackBase               string
	vonageRoomTTL                                   time.Duration
	meetHourMeetings                                meetHourMeetings
	trustedProxies, redisURL, metricsAddr           string
	redisPrefix                                     string
	tokenRate                                       float64
}

func main() {
	var f flags
	flag.StringVar(&f.addr, "addr", "127.0.0.1:8080", "HTTP listen address")
	flag.StringVar(&f.tlsAddr, "tls-addr", "", "also serve HTTPS here with a self-signed certificate (for the real Jitsi library against the sandbox)")
	flag.StringVar(&f.publicHost, "public-host", "", "host:port browsers reach the server at; default: the listen address")
	flag.StringVar(&f.wasm, "wasm", "dist/app.wasm", "the built bundle (with .br and .gz beside it)")
	flag.StringVar(&f.provider, "provider", server.ProviderSandbox, "meeting provider: sandbox, jitsi, jaas, meethour or vonage")
	flag.StringVar(&f.controlTokenFile, "sandbox-control-token-file", "", "development: read the sandbox control token from this file, creating it if missing")
	flag.StringVar(&f.devModeratorFile, "dev-moderator-file", "", "development, sandbox only: read the moderator password from this file, creating it if missing")
	flag.StringVar(&f.moderatorUser, "moderator-user", envOr("MEETBRIDGE_MODERATOR_USER", "moderator"), "the console's moderator user name")
	flag.BoolVar(&f.insecureCookies, "insecure-cookies", false, "drop the Secure flag of the session cookie (plain http other than localhost)")
	flag.Float64Var(&f.tokenRate, "token-rate", 0, "join tokens a minute each client address may get (default 10; the e2e suite, which signs in from loopback, raises it)")
	flag.BoolVar(&f.hashPassword, "hash-password", false, "read a password from standard input, print its bcrypt hash and exit")
	flag.StringVar(&f.jitsiDomain, "jitsi-domain", "", "jitsi: the deployment's domain")
	flag.StringVar(&f.jitsiAppID, "jitsi-app-id", "", "jitsi: Prosody's app_id (the iss claim)")
	flag.StringVar(&f.jitsiKID, "jitsi-kid", "", "jitsi: key id of the RS256 key")
	flag.StringVar(&f.jitsiSubject, "jitsi-subject", "", "jitsi: the sub claim (tenant or XMPP domain)")
	flag.StringVar(&f.jaasAppID, "jaas-app-id", "", "jaas: the app id (vpaas-magic-cookie-...)")
	flag.StringVar(&f.jaasKeyID, "jaas-key-id", "", "jaas: the API key id")
	flag.StringVar(&f.meetHourBaseURL, "meethour-base-url", "", "meethour: the API's base URL (default the public one)")
	flag.StringVar(&f.meetHourClientID, "meethour-client-id", "", "meethour: OAuth client id")
	flag.StringVar(&f.meetHourUser, "meethour-username", "", "meethour: the account's email")
	flag.StringVar(&f.vonageBaseURL, "vonage-base-url", "", "vonage: the Meetings API's base URL (default the EU host; Vonage switched the service off on 2025-06-30)")
	flag.StringVar(&f.vonageCallbackBase, "vonage-callback-base", "", "vonage: the public https origin Vonage posts callbacks to (needs MEETBRIDGE_VONAGE_CALLBACK_TOKEN)")
	flag.DurationVar(&f.vonageRoomTTL, "vonage-room-ttl", 0, "vonage: how long the rooms made live (default 24h)")
	flag.Var(&f.meetHourMeetings, "meethour-meeting", "meethour: room=MEETING_ID, a meeting scheduled beforehand that members may join (repeatable)")
	flag.StringVar(&f.trustedProxies, "trusted-proxies", os.Getenv("MEETBRIDGE_TRUSTED_PROXIES"), "comma-separated addresses or CIDR networks of the load balancers whose X-Forwarded-For is believed")
	flag.StringVar(&f.redisURL, "redis-url", "", "redis://host:port/db shared by every instance (sessions, limits, caches); a password goes in MEETBRIDGE_REDIS_URL instead")
	flag.StringVar(&f.redisPrefix, "redis-prefix", os.Getenv("MEETBRIDGE_REDIS_PREFIX"), "start of every Redis key (default meetbridge:); deployments sharing one Redis database need one each")
	flag.StringVar(&f.metricsAddr, "metrics-addr", "", "serve Prometheus metrics at /metrics, without a token, on this separate loopback or private address (e.g. 127.0.0.1:9090)")
	flag.Parse()

	if f.hashPassword {
		if err := printHash(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "server:", err)
			os.Exit(1)
		}
		return
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	server.LogRedisTo(log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, f, os.Stdout, log); err != nil {
		log.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// envOr returns the environment variable or def.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// printHash prints the bcrypt hash of the first line of in.
func printHash(in io.Reader, out io.Writer) error {
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	pw := strings.TrimRight(line, "\r\n")
	if len(pw) < 12 {
		return errors.New("use a password of at least 12 characters")
	}
	if err := server.CheckPassword(pw); err != nil {
		return err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), 12)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, string(h))
	return err
}

// secrets reads every secret of the environment into cfg.
func secrets(f flags, cfg *server.Config) error {
	read := func(name string, into *string) error {
		v, err := server.LoadSecret(name)
		*into = v
		return err
	}
	var hash, jitsiSecret, jitsiKey, jaasKey, vonageKey string
	errs := []error{
		read("MEETBRIDGE_SANDBOX_CONTROL_TOKEN", &cfg.SandboxControlToken),
		read("MEETBRIDGE_MODERATOR_PASSWORD_HASH", &hash),
		read("MEETBRIDGE_JITSI_APP_SECRET", &jitsiSecret),
		read("MEETBRIDGE_JITSI_PRIVATE_KEY", &jitsiKey),
		read("MEETBRIDGE_JAAS_PRIVATE_KEY", &jaasKey),
		read("MEETBRIDGE_MEETHOUR_CLIENT_SECRET", &cfg.MeetHour.ClientSecret),
		read("MEETBRIDGE_MEETHOUR_PASSWORD", &cfg.MeetHour.Password),
		read("MEETBRIDGE_MEETHOUR_API_KEY", &cfg.MeetHour.APIKey),
		read("MEETBRIDGE_VONAGE_APPLICATION_ID", &cfg.Vonage.ApplicationID),
		read("MEETBRIDGE_VONAGE_PRIVATE_KEY", &vonageKey),
		read("MEETBRIDGE_VONAGE_CALLBACK_TOKEN", &cfg.Vonage.CallbackToken),
		read("MEETBRIDGE_MEETHOUR_WEBHOOK_SECRET", &cfg.MeetHour.WebhookSecret),
		read("MEETBRIDGE_REDIS_URL", &cfg.RedisURL),
		read("MEETBRIDGE_METRICS_TOKEN", &cfg.MetricsToken),
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	switch {
	case f.redisURL != "" && cfg.RedisURL != "":
		return errors.New("both -redis-url and MEETBRIDGE_REDIS_URL are set: choose one")
	case f.redisURL != "":
		if u, err := url.Parse(f.redisURL); err == nil && u.User != nil {
			return errors.New("-redis-url carries a password, which a flag would show to every user of the machine: put the URL in MEETBRIDGE_REDIS_URL or MEETBRIDGE_REDIS_URL_FILE")
		}
		cfg.RedisURL = f.redisURL
	}
	cfg.Jitsi.Secret, cfg.Jitsi.PrivateKeyPEM, cfg.JaaS.PrivateKeyPEM = bytesOrNil(jitsiSecret), bytesOrNil(jitsiKey), bytesOrNil(jaasKey)
	cfg.Vonage.PrivateKeyPEM = bytesOrNil(vonageKey)
	if hash != "" {
		cfg.ModeratorUser, cfg.ModeratorPasswordHash = f.moderatorUser, []byte(hash)
	}
	if cfg.SandboxControlToken == "" && f.controlTokenFile != "" {
		tok, err := server.TokenFile(f.controlTokenFile)
		if err != nil {
			return err
		}
		cfg.SandboxControlToken = tok
	}
	if hash == "" && f.devModeratorFile != "" {
		if cfg.Provider != server.ProviderSandbox {
			return errors.New("-dev-moderator-file is for the sandbox only: set MEETBRIDGE_MODERATOR_PASSWORD_HASH")
		}
		pw, err := server.TokenFile(f.devModeratorFile)
		if err != nil {
			return err
		}
		h, err := bcrypt.GenerateFromPassword([]byte(pw), 10)
		if err != nil {
			return err
		}
		cfg.ModeratorUser, cfg.ModeratorPasswordHash = f.moderatorUser, h
	}
	return nil
}

// bytesOrNil turns "" into nil.
func bytesOrNil(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}

// run serves until ctx ends, printing the URLs to out once listening.
func run(ctx context.Context, f flags, out io.Writer, log *slog.Logger) error {
	cfg := server.Config{
		PublicHost: f.publicHost, WasmPath: f.wasm, Provider: f.provider, InsecureCookies: f.insecureCookies,
		Jitsi:    server.JitsiSettings{Domain: f.jitsiDomain, AppID: f.jitsiAppID, KID: f.jitsiKID, Subject: f.jitsiSubject},
		JaaS:     server.JaaSSettings{AppID: f.jaasAppID, KeyID: f.jaasKeyID},
		Vonage:   server.VonageSettings{BaseURL: f.vonageBaseURL, CallbackBase: f.vonageCallbackBase, RoomTTL: f.vonageRoomTTL},
		MeetHour: server.MeetHourSettings{BaseURL: f.meetHourBaseURL, ClientID: f.meetHourClientID, Username: f.meetHourUser, Meetings: f.meetHourMeetings},
	}
	if cfg.Provider == "" {
		cfg.Provider = server.ProviderSandbox
	}
	cfg.RedisPrefix = f.redisPrefix
	if f.tokenRate < 0 {
		return fmt.Errorf("-token-rate %v: want a positive number of tokens a minute", f.tokenRate)
	}
	cfg.TokenRate = rate.Limit(f.tokenRate / 60)
	trusted, err := server.ParseTrustedProxies(f.trustedProxies)
	if err != nil {
		return err
	}
	cfg.TrustedProxies = trusted
	if err := secrets(f, &cfg); err != nil {
		return err
	}
	if f.metricsAddr != "" && !privateAddr(f.metricsAddr) {
		return fmt.Errorf("-metrics-addr %s is reachable beyond the private network, and its /metrics asks for no token: "+
			"listen on loopback or a private address (such as -metrics-addr 10.0.0.5:9090), or drop -metrics-addr and scrape "+
			"/metrics on the public listener with MEETBRIDGE_METRICS_TOKEN", f.metricsAddr)
	}
	if cfg.PublicHost == "" && unspecified(f.addr) {
		return fmt.Errorf("-addr %s listens on every interface, which is no address a browser can open: "+
			"add -public-host with the host:port browsers use (such as -public-host meet.example.com:443 behind a TLS proxy), "+
			"and for the sandbox off loopback -tls-addr", f.addr)
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	if cfg.PublicHost == "" {
		cfg.PublicHost = ln.Addr().String()
	}
	var tlsLn net.Listener
	if f.tlsAddr != "" {
		if tlsLn, err = listenTLS(f.tlsAddr); err != nil {
			return err
		}
		defer tlsLn.Close()
		cfg.TLSHost = tlsLn.Addr().String()
		if unspecified(f.tlsAddr) {
			// Browsers reach the HTTPS listener by the public host's name.
			host, _, _ := net.SplitHostPort(cfg.PublicHost)
			_, port, _ := net.SplitHostPort(cfg.TLSHost)
			cfg.TLSHost = net.JoinHostPort(host, port)
		}
	}
	srv, err := server.New(cfg, log)
	if err != nil {
		return err
	}
	defer srv.Close()

	base, cancel := context.WithCancel(context.Background())
	defer cancel()
	httpSrv := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		// Long enough for the bundle on a slow link; the sandbox's event
		// streams lift it for themselves and end with BaseContext.
		WriteTimeout: 5 * time.Minute,
		BaseContext:  func(net.Listener) context.Context { return base },
		ErrorLog:     slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 3)
	go func() { errc <- httpSrv.Serve(ln) }()
	var metricsSrv *http.Server
	if f.metricsAddr != "" {
		mln, err := net.Listen("tcp", f.metricsAddr)
		if err != nil {
			return err
		}
		metricsMux := http.NewServeMux()
		metricsMux.Handle("GET /metrics", srv.MetricsHandler())
		metricsSrv = &http.Server{Handler: metricsMux, ReadHeaderTimeout: 5 * time.Second, ErrorLog: httpSrv.ErrorLog}
		go func() { errc <- metricsSrv.Serve(mln) }()
		fmt.Fprintf(out, "meetbridge: metrics at http://%s/metrics\n", mln.Addr())
	}
	fmt.Fprintf(out, "meetbridge: open http://%s/ (provider %s)\n", cfg.PublicHost, cfg.Provider)
	if cfg.PublicHost != ln.Addr().String() {
		fmt.Fprintf(out, "meetbridge: listening on %s\n", ln.Addr())
	}
	if tlsLn != nil {
		go func() { errc <- httpSrv.Serve(tlsLn) }()
		fmt.Fprintf(out, "meetbridge: also over https at https://%s/ (self-signed)\n", cfg.TLSHost)
	}
	if f.devModeratorFile != "" && cfg.ModeratorUser != "" {
		fmt.Fprintf(out, "meetbridge: moderator console at http://%s/console: user %q, password in %s\n", cfg.PublicHost, cfg.ModeratorUser, f.devModeratorFile)
	}
	if f.controlTokenFile != "" && cfg.SandboxControlToken != "" {
		fmt.Fprintf(out, "meetbridge: sandbox control token in %s\n", f.controlTokenFile)
	}

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	cancel() // ends the sandbox event streams
	shutdown, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if err := httpSrv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if metricsSrv != nil {
		if err := metricsSrv.Shutdown(shutdown); err != nil {
			return err
		}
	}
	return srv.Close()
}

// unspecified reports whether the listen address addr is every interface
// (0.0.0.0, [::] or no host).
func unspecified(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsUnspecified()
}

// privateAddr reports whether the listen address addr is on loopback or a
// private network (RFC 1918, IPv6 unique local, link-local): not every
// interface, not a public address, not a name that could resolve to one.
func privateAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast())
}

// listenTLS listens on addr with a self-signed certificate for the local
// names and the listener's own address.
func listenTLS(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	cert, err := sandbox.SelfSignedCertificate("localhost", "127.0.0.1", "::1", host)
	if err != nil {
		return nil, err
	}
	return tls.Listen("tcp", addr, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
}
