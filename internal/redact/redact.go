// Package redact shows whether a secret is set without showing it, the same
// way in every String, GoString and LogValue of the project's settings.
package redact

// Mark stands in for a secret in printed or logged output.
const Mark = "[redacted]"

// State returns Mark for a set secret and "<empty>" for an unset one.
func State(secret string) string {
	if secret == "" {
		return "<empty>"
	}
	return Mark
}
