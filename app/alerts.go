package app

import (
	"strconv"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// AlertsPanel shows the problems the moderator must see: camera and
// microphone failures, errors the meeting reports, commands the deployment
// does not support, the token running out.
type AlertsPanel struct {
	goapp.Compo

	// Alerts are shown newest first.
	Alerts Alerts
	// OnDismiss drops the i-th alert; the console's own alerts (token,
	// unsupported) come back while they hold.
	OnDismiss func(goapp.Context, int)
}

// Render draws the alerts, or nothing.
func (p *AlertsPanel) Render() goapp.UI {
	if len(p.Alerts) == 0 {
		return goapp.Div().Class("alerts", "empty")
	}
	items := make([]goapp.UI, 0, len(p.Alerts))
	for i := len(p.Alerts) - 1; i >= 0; i-- {
		a, idx := p.Alerts[i], i
		items = append(items, goapp.Li().Class("alert", "alert-"+a.Kind).Attr("role", "alert").Body(
			goapp.Span().Text(a.Text),
			button("dismiss link-button", "Dismiss", func(ctx goapp.Context, _ goapp.Event) {
				if p.OnDismiss != nil {
					p.OnDismiss(ctx, idx)
				}
			}, goapp.EventScope(strconv.Itoa(idx)+a.Text)),
		))
	}
	return goapp.Div().Class("alerts").Body(goapp.Ul().Class("alert-list").Body(items...))
}
