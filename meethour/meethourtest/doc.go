// Package meethourtest runs a fake Meet Hour REST API on a loopback
// httptest server for tests of code that uses package meethour.
//
// The fake follows the request and answer shapes of the real API (POST and
// JSON everywhere, /oauth/token for the password and refresh_token grants,
// Bearer tokens on /api/v1.2/...) and validates requests the way the real one
// does: unknown credentials, missing or expired tokens, missing required
// fields and unknown body fields are refused. It can be told to fail (see
// Failure) and to expire the tokens it issued.
//
// Where the real API is not documented the fake makes a choice and says so:
// its join tokens are HS256 JWTs with an exp claim whose other claims are
// made up (Meet Hour's claim set is not public), and "meeting not found" is
// HTTP 200 with success false.
package meethourtest
