package eventfeed

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// keepAlive is how often an idle stream sends a comment, so that proxies
// keep it open.
const keepAlive = 25 * time.Second

// ServeHTTP streams the hub's events as server-sent events named "provider",
// each data line an [Event] as JSON, until the client goes away or the hub
// closes. Authorisation is the caller's job.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's WriteTimeout
	events, stop := h.Subscribe()
	defer stop()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, ": connected\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		case e, ok := <-events:
			if !ok {
				return
			}
			var data []byte
			if data, err = json.Marshal(e); err == nil {
				_, err = fmt.Fprintf(w, "event: provider\ndata: %s\n\n", data)
			}
		}
		if err != nil || rc.Flush() != nil {
			return
		}
	}
}
