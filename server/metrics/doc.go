// Package metrics holds the server's Prometheus metrics: requests by route
// and status with their latency, join tokens issued by provider and role,
// rate-limit rejections and upstream provider errors.
//
// Provider code reports its upstream failures through [Metrics.UpstreamError]
// (a nil *Metrics ignores every call, so code under test needs none). The
// server exposes [Metrics.Handler] at /metrics behind a token or on a
// separate listener, never openly on the public one.
package metrics
