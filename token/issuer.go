package token

import "context"

// Issuer issues join tokens for one provider. Implementations are safe for
// concurrent use.
type Issuer interface {
	// Issue returns a grant for r, or an error wrapping ErrInvalidRequest
	// when r is not acceptable.
	Issue(ctx context.Context, r Request) (Grant, error)
	// Provider names the provider: "sandbox", "jitsi", "jaas", "meethour"
	// or "vonage".
	Provider() string
}

// Provider names.
const (
	ProviderSandbox  = "sandbox"
	ProviderJitsi    = "jitsi"
	ProviderJaaS     = "jaas"
	ProviderMeetHour = "meethour"
)
