// Package meethour is a client of the Meet Hour REST API
// (https://api.meethour.io): it logs in with the OAuth password grant, keeps
// the access token fresh, schedules meetings and fetches the join token (JWT)
// that Meet Hour's MeetHourExternalAPI needs.
//
// Meet Hour mints its join tokens itself; nobody else can sign one. A server
// therefore keeps the client secret, the account password and the access
// token, fetches a JWT per join with [Client.GetJWT], and hands the page only
// that JWT, the API key and the meeting's pcode.
//
// # Transport
//
// Every endpoint is a POST of a JSON body. The OAuth endpoint /oauth/token
// serves the password and the refresh_token grants; every other endpoint
// lives under /api/v1.2 and needs "Authorization: Bearer <access token>".
// Answers carry an envelope {success, code, message}; success false is an
// error even with HTTP 200.
//
// # Errors
//
// Failures are typed: [ErrUnavailable] (network error, timeout, HTTP 5xx),
// [ErrAuth] (credentials or token refused), [ErrMalformedResponse] (a body
// that is not the JSON the endpoint promises, or larger than 1 MiB) and
// [*APIError] for any answer with an error status or success false. Errors
// never contain the password, the client secret or a token.
//
// Package meethourtest has a fake Meet Hour server for tests.
package meethour
