// Package meethourtest runs a fake Meet Hour REST API on a loopback
// httptest server for tests of code that uses package meethour.
//
// The fake serves every endpoint package meethour calls and follows the
// request and answer shapes of the real API (POST and JSON everywhere,
// /oauth/token for the password and refresh_token grants, Bearer tokens on
// /api/v1.2/..., paged lists with total_pages and total_records). It
// validates requests the way the real one does: unknown credentials,
// missing or expired tokens, wrong methods and content types, missing
// required fields and unknown body fields are refused. It keeps contacts,
// meetings (upcoming, missed or completed by its clock), attendees and
// recordings, counts the calls to each path (Calls), and can be told to
// fail (see Failure: 5xx, hang, malformed JSON, oversized, 401 as for an
// expired token, success false) and to expire the tokens it issued.
// Webhook builds signed webhook requests.
//
// Where the real API is not documented the fake makes a choice and says so:
// its join tokens are HS256 JWTs with an exp claim whose other claims are
// made up (Meet Hour's claim set is not public), and "not found" (meeting,
// contact, recording) is HTTP 200 with success false and code 404.
package meethourtest
