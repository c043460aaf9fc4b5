package server

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"time"
)

// A device cookie (OWASP's answer to lockout by guessing) marks a browser
// the moderator has signed in from. Its sign-ins skip the user-wide limit
// even from an address that failed before: without it, one typo during an
// attack left the moderator's address paying the exhausted user-wide limit
// (429) for as long as the attack went on, up to failureMemory. The
// per-address and per-(user, address) limits still apply.
const (
	deviceCookie   = "meetbridge_device"
	deviceLifetime = 30 * 24 * time.Hour
	deviceKeys     = "login-device:" // in the shared cache, by the token's hash
)

// deviceKey is where the cache keeps a device token: its hash, so that the
// cache (Redis) holds nothing a browser could present.
func deviceKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return deviceKeys + hex.EncodeToString(sum[:])
}

// knownDevice reports whether the request carries a device cookie of user.
// A store that cannot be read counts as no cookie.
func (a *api) knownDevice(r *http.Request, user string) bool {
	c, err := r.Cookie(deviceCookie)
	if err != nil || c.Value == "" || len(c.Value) > 64 {
		return false
	}
	v, ok, err := a.devices.Get(r.Context(), deviceKey(c.Value))
	return err == nil && ok && string(v) == user
}

// rememberDevice gives the browser a device cookie of user, after a
// successful sign-in. Failing to store it only costs the cookie.
func (a *api) rememberDevice(w http.ResponseWriter, r *http.Request, user string) {
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	token := base64.RawURLEncoding.EncodeToString(raw)
	if err := a.devices.Set(r.Context(), deviceKey(token), []byte(user), deviceLifetime); err != nil {
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: deviceCookie, Value: token, Path: "/api/login", MaxAge: int(deviceLifetime.Seconds()),
		HttpOnly: true, Secure: !a.cfg.InsecureCookies, SameSite: http.SameSiteStrictMode,
	})
}
