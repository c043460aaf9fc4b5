package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// storeDown answers 503 when the server's state (Redis) cannot be reached,
// saying so, so that a load balancer or the console retries rather than
// treating it as a bug. log is sampled: an outage is one line a minute.
func storeDown(log *sampledLog, w http.ResponseWriter, what string, err error) {
	log.print("state store unavailable", "what", what, "err", err)
	w.Header().Set("Retry-After", "5")
	writeError(w, http.StatusServiceUnavailable, "store_unavailable", "the server's session store is not answering: try again shortly")
}

// storeDown answers 503 for an unreachable store.
func (a *api) storeDown(w http.ResponseWriter, what string, err error) {
	storeDown(a.storeLog, w, what, err)
}

// bearer lets through only requests carrying "Authorization: Bearer
// token", comparing in constant time.
func bearer(token string, next http.Handler) http.Handler {
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		sum := sha256.Sum256([]byte(got))
		if !ok || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
