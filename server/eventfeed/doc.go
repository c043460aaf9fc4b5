// Package eventfeed carries events that happen outside the browser, such as
// a provider's webhooks (Meet Hour) or callbacks (Vonage), to the moderator
// console, which shows them live in its event log.
//
// A [Hub] fans each published [Event] out to every subscriber; [Hub.ServeHTTP]
// streams them as server-sent events. The server mounts it at GET /api/events
// for the signed-in moderator only.
package eventfeed
