package app

import (
	"encoding/json"
	"strings"
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// openFeed listens to the server's provider events, once per console.
func (c *Console) openFeed(ctx goapp.Context) {
	if c.stopFeed != nil || c.session == nil || !c.session.SignedIn {
		return
	}
	url := ProviderFeedPath
	if c.Client != nil && c.Client.BaseURL != "" {
		url = strings.TrimSuffix(c.Client.BaseURL, "/") + ProviderFeedPath
	}
	c.stopFeed = openProviderFeed(url, func(data string) {
		ctx.Dispatch(func(goapp.Context) {
			e, err := ParseProviderEvent(data)
			if err != nil {
				c.log = c.log.Add(time.Now(), "provider", "malformed", []byte(jsonString(data)))
				return
			}
			c.log = c.log.Add(e.Time, e.Source, e.Type, e.Payload)
		})
	}, func(s feedStatus) {
		ctx.Dispatch(func(goapp.Context) { c.feed = s })
	})
}

// closeFeed stops the provider events.
func (c *Console) closeFeed() {
	if c.stopFeed != nil {
		c.stopFeed()
		c.stopFeed = nil
	}
	c.feed = feedOff
}

// OnDismount stops the provider events.
func (c *Console) OnDismount() { c.closeFeed() }

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s) // a string: cannot fail
	return string(b)
}
