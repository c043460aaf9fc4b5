package metrics_test

import (
	"fmt"
	"io"
	"net/http/httptest"
	"strings"

	"github.com/meetbridge/meetbridge/server/metrics"
)

// Provider code reports a failed call upstream; Prometheus scrapes it.
func ExampleMetrics_UpstreamError() {
	m := metrics.New()
	m.UpstreamError("meethour", "unavailable")

	var none *metrics.Metrics // code under test may have none
	none.UpstreamError("meethour", "unavailable")

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(line, "meetbridge_upstream_errors_total{") {
			fmt.Println(line)
		}
	}
	// Output:
	// meetbridge_upstream_errors_total{kind="unavailable",provider="meethour"} 1
}
