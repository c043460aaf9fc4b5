package token

// redacted replaces a secret in printed output.
const redacted = "[redacted]"

// secretState shows whether a secret is set without showing it.
func secretState(set bool) string {
	if set {
		return redacted
	}
	return "<none>"
}
