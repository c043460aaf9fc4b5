package app

// ProviderFeedPath is the server's stream of provider events (server-sent
// events named "provider"), for the signed-in moderator.
const ProviderFeedPath = "/api/events"

// feedStatus describes the provider feed for the event log.
type feedStatus int

// The feed's states.
const (
	feedOff feedStatus = iota
	feedOpen
	feedBroken
)

// describeFeed says how the feed is doing, or "" when it is fine.
func describeFeed(s feedStatus) string {
	switch s {
	case feedOff:
		return "Provider events: not connected."
	case feedBroken:
		return "Provider events: the feed is interrupted, reconnecting…"
	}
	return ""
}
