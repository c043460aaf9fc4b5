// Package vonagetest is a fake Vonage Meetings API v1 on a loopback
// listener, for tests of package vonage and of code that uses it. The real
// service was switched off on 2025-06-30, so this fake is the only thing the
// client is tested against; it follows the API reference and the official
// SDKs closely, including where they disagree (see package vonage).
//
// The fake checks every request: the method and path, the Bearer
// application JWT (verified with the application's public key, RS256
// pinned, application_id, iat, exp and an unused jti required), a JSON
// body with only the documented fields, and the documented limits. It
// answers with the documented success shapes and {status, name, message,
// errors} error bodies. It keeps rooms (paged by serial number with
// _links.next), themes, the three-step logo upload (a fake S3 form
// endpoint that checks every signed field), the application's default
// theme, recordings and dial-in numbers, and can be told to fail.
package vonagetest
