package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are one server's metrics, in a registry of their own (so that
// several servers in one process, as in tests, do not collide). A nil
// *Metrics is valid and records nothing.
type Metrics struct {
	registry    *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	tokens      *prometheus.CounterVec
	rateLimited *prometheus.CounterVec
	upstream    *prometheus.CounterVec
}

// New registers the metrics, with the Go runtime's and the process's.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "meetbridge_http_requests_total",
			Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "meetbridge_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"route"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "meetbridge_tokens_issued_total",
			Help: "Join tokens issued, by provider and role (moderator or member).",
		}, []string{"provider", "role"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "meetbridge_rate_limited_total",
			Help: "Requests refused with 429, by the limit that refused them.",
		}, []string{"limit"}),
		upstream: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "meetbridge_upstream_errors_total",
			Help: "Failed calls to a provider's API, by provider and kind (unavailable, auth, malformed, api, ...).",
		}, []string{"provider", "kind"}),
	}
	m.registry.MustRegister(m.requests, m.latency, m.tokens, m.rateLimited, m.upstream,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Request records one served request.
func (m *Metrics) Request(route string, code int, took time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
}

// TokenIssued records a join token issued for provider to a moderator or
// a member.
func (m *Metrics) TokenIssued(provider string, moderator bool) {
	if m == nil {
		return
	}
	role := "member"
	if moderator {
		role = "moderator"
	}
	m.tokens.WithLabelValues(provider, role).Inc()
}

// RateLimited records a request refused by the limit named limit.
func (m *Metrics) RateLimited(limit string) {
	if m == nil {
		return
	}
	m.rateLimited.WithLabelValues(limit).Inc()
}

// UpstreamError records a failed call to provider's API; kind is a short
// fixed word such as "unavailable", "auth", "malformed" or "api" (never
// anything taken from a request, which would grow the series without end).
func (m *Metrics) UpstreamError(provider, kind string) {
	if m == nil {
		return
	}
	m.upstream.WithLabelValues(provider, kind).Inc()
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}
