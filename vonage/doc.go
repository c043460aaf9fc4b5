// Package vonage is a client of the Vonage Meetings API v1
// (https://api-eu.vonage.com/v1/meetings): rooms, themes and their logos, the
// application's default theme, recordings and dial-in numbers, plus a
// handler for the callbacks Vonage sends about rooms, sessions, recordings
// and participants.
//
// Vonage switched the Meetings API off on 2025-06-30 (no new applications
// since 2024-08-31), and no Go client of it ever existed. This package is
// therefore built from the API reference and the official Node and Python
// SDKs, and is tested only against package vonagetest, a faithful local fake that
// checks every request's method, path, Bearer JWT and body and answers with
// the documented shapes. It has never talked to the real service.
//
// Every request carries a fresh application JWT: RS256, signed with the
// application's private key, with application_id, iat, jti and exp claims.
// Requests are checked before they are sent ([ValidationError]); answers
// that report an error become an [*APIError], usable with errors.As.
//
// Where the sources disagree the package follows the API reference and the
// Python SDK: updates are wrapped in "update_details" (the Node SDK's
// "update_options" looks like a bug), a session's recordings are at
// /sessions/{id}/recordings, and the recording option is
// "record_only_owner".
package vonage
