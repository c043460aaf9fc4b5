package server

import (
	"bytes"
	"io"
	"net/http"
	"slices"
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
// (a bare handler) on the same server in the same run, and reports requests
// per second and the 99th percentile latency. The token limit is on (high
// enough never to refuse), so that with Redis every token request runs the
// limit's script; "moderator" requests also carry a session cookie, which
// with Redis is one more round trip.
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
		ts := start(b, tc.cfg)
		transport := &http.Transport{MaxIdleConnsPerHost: loadWorkers, MaxConnsPerHost: loadWorkers}
		client := &http.Client{Transport: transport}
		body := []byte(`{"room":"standup","displayName":"Load"}`)
		b.Run(tc.name+"/bare", func(b *testing.B) {
			load(b, func() (*http.Response, error) { return client.Get(ts.URL + "/healthz") })
		})
		b.Run(tc.name+"/token", func(b *testing.B) {
			load(b, func() (*http.Response, error) {
				return client.Post(ts.URL+"/api/token", "application/json", bytes.NewReader(body))
			})
		})
		moderator := ts.browser(b)
		moderator.Transport = transport
		ts.login(b, moderator)
		modBody := []byte(`{"room":"standup","displayName":"Load","role":"moderator"}`)
		b.Run(tc.name+"/token-moderator", func(b *testing.B) {
			load(b, func() (*http.Response, error) {
				return moderator.Post(ts.URL+"/api/token", "application/json", bytes.NewReader(modBody))
			})
		})
	}
}

// load sends b.N requests from loadWorkers goroutines and reports the
// throughput and the 99th percentile latency.
func load(b *testing.B, send func() (*http.Response, error)) {
	var (
		mu        sync.Mutex
		latencies = make([]time.Duration, 0, b.N)
		wg        sync.WaitGroup
		next      = make(chan struct{}, b.N)
	)
	for i := 0; i < b.N; i++ {
		next <- struct{}{}
	}
	close(next)
	b.ResetTimer()
	for w := 0; w < loadWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, b.N/loadWorkers+1)
			for range next {
				start := time.Now()
				res, err := send()
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Errorf("status %d", res.StatusCode)
					return
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(latencies)
	if len(latencies) == 0 {
		return
	}
	p99 := latencies[(len(latencies)*99)/100]
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(0, "ns/op")
}
