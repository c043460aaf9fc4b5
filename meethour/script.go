package meethour

import "net/url"

// Release is the MeetHourExternalAPI library release pages load.
const Release = "v2.4.6"

// ScriptURL returns the URL of the MeetHourExternalAPI script for apiKey:
// https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=<apiKey>.
func ScriptURL(apiKey string) string {
	return "https://api.meethour.io/libs/" + Release + "/external_api.min.js?apiKey=" + url.QueryEscape(apiKey)
}
