package app

import (
	"strconv"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// EventLogPanel shows the event log: every event as it arrived, newest
// first, with its source and its payload as JSON, filtered by a text.
type EventLogPanel struct {
	goapp.Compo

	// Log is the console's log.
	Log EventLog
	// Feed says how the provider feed is doing ("" when it is fine).
	Feed string

	filter string
}

// Render draws the log.
func (p *EventLogPanel) Render() goapp.UI {
	entries := p.Log.Filter(p.filter)
	shown := entries
	if len(shown) > 100 {
		shown = shown[:100]
	}
	var list goapp.UI
	if len(shown) == 0 {
		list = goapp.P().Class("muted").Text("No events yet.")
	} else {
		list = goapp.Ol().Class("event-log").Body(
			goapp.Range(shown).Slice(func(i int) goapp.UI {
				e := shown[i]
				return goapp.Li().Class("event", "source-"+e.Source).DataSet("event", e.Name).Body(
					goapp.Div().Class("event-head").Body(
						goapp.Span().Class("event-time").Text(e.Time.Local().Format("15:04:05.000")),
						goapp.Span().Class("badge", "event-source").Text(e.Source),
						goapp.Strong().Class("event-name").Text(e.Name),
					),
					goapp.Pre().Class("event-payload").Text(e.Payload),
				)
			}),
		)
	}
	count := strconv.Itoa(len(entries)) + " of " + strconv.Itoa(len(p.Log.Entries))
	var feed goapp.UI
	if p.Feed != "" {
		feed = goapp.P().Class("muted", "feed-status").Text(p.Feed)
	}
	return goapp.Section().Class("panel", "events").Body(
		goapp.H3().Text("Event log"),
		goapp.Div().Class("inline-form").Body(
			goapp.Input().ID("event-filter").Type("search").Placeholder("Filter events").Aria("label", "Filter events").
				Value(p.filter).OnInput(p.ValueTo(&p.filter)),
			goapp.Span().Class("muted", "event-count").Text(count),
		),
		feed,
		list,
	)
}
