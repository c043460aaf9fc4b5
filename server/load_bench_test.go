package server

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/meetbridge/meetbridge/internal/redistest"
)

// loadWorkers is how many clients send requests at once.
const loadWorkers = 16

// BenchmarkTokenEndpoint loads POST /api/token over loopback HTTP with
// loadWorkers concurrent clients, for HS256 (jitsi) tokens with the state
// in memory and in Redis, and RS256 (sandbox) tokens, against GET /healthz
// (a bare handler) on the same server. The routes take turns in batches of
// loadBatch requests, so that they share whatever else the machine is
// doing, and each reports its requests per second, its 99th percentile
// latency and its rate as a fraction of the bare handler's.
//
// The token limit is on (high enough never to refuse), so that with Redis
// every token request runs the limit's script; "moderator" requests also
// carry a session cookie, which with Redis means reading the session and,
// with the idle timeout, writing it back.
//
//	go test -run '^$' -bench TokenEndpoint -benchtime 5000x ./server
func BenchmarkTokenEndpoint(b *testing.B) {
	redis := redistest.Start(b)
	jitsi := Config{Provider: ProviderJitsi, TokenRate: rate.Limit(1e6), Jitsi: JitsiSettings{Domain: "meet.example.com", AppID: "bench", Secret: []byte(testSecret)}}
	jitsiRedis := jitsi
	jitsiRedis.RedisURL = redis.URL
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"hs256", jitsi},
		{"hs256-redis", jitsiRedis},
		{"rs256", Config{TokenRate: rate.Limit(1e6)}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ts := start(b, tc.cfg)
			transport := &http.Transport{MaxIdleConnsPerHost: loadWorkers, MaxConnsPerHost: loadWorkers}
			b.Cleanup(transport.CloseIdleConnections)
			client := &http.Client{Transport: transport}
			moderator := ts.browser(b)
			moderator.Transport = transport
			ts.login(b, moderator)
			post := func(c *http.Client, body string) func() (*http.Response, error) {
				return func() (*http.Response, error) {
					return c.Post(ts.URL+"/api/token", "application/json", strings.NewReader(body))
				}
			}
			routes := []*route{
				{name: "bare", send: func() (*http.Response, error) { return client.Get(ts.URL + "/healthz") }},
				{name: "token", send: post(client, `{"room":"standup","displayName":"Load"}`)},
				{name: "moderator", send: post(moderator, `{"room":"standup","displayName":"Load","role":"moderator"}`)},
			}
			b.ResetTimer()
			for done := 0; done < b.N; done += loadBatch {
				for _, r := range routes {
					r.run(b, min(loadBatch, b.N-done))
				}
			}
			b.StopTimer()
			for _, r := range routes {
				b.ReportMetric(r.rate(), r.name+"-req/s")
				b.ReportMetric(r.p99(), r.name+"-p99-ms")
				if r.name != "bare" {
					b.ReportMetric(r.rate()/routes[0].rate(), r.name+"-x-bare")
				}
			}
			b.ReportMetric(0, "ns/op")
		})
	}
}

// loadBatch is how many requests a route sends before the next one's turn.
const loadBatch = 250

// route is one kind of request under load and what it measured.
type route struct {
	name      string
	send      func() (*http.Response, error)
	latencies []time.Duration
	elapsed   time.Duration
}

// run sends n requests from loadWorkers goroutines and records their
// latencies and the time they took together.
func (r *route) run(b *testing.B, n int) {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		next = make(chan struct{}, n)
	)
	for range n {
		next <- struct{}{}
	}
	close(next)
	start := time.Now()
	for range loadWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for range next {
				t0 := time.Now()
				res, err := r.send()
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Errorf("%s: status %d", r.name, res.StatusCode)
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			r.latencies = append(r.latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	r.elapsed += time.Since(start)
}

// rate is the route's requests per second.
func (r *route) rate() float64 {
	return float64(len(r.latencies)) / r.elapsed.Seconds()
}

// p99 is the route's 99th percentile latency in milliseconds.
func (r *route) p99() float64 {
	if len(r.latencies) == 0 {
		return 0
	}
	l := slices.Clone(r.latencies)
	slices.Sort(l)
	return float64(l[len(l)*99/100].Microseconds()) / 1000
}
