// Package meethour is a client of the Meet Hour REST API
// (https://api.meethour.io): every path the SDKs know, typed, with the
// account's access token shared by all callers, and a handler for Meet
// Hour's webhooks.
//
// Meet Hour mints its join tokens itself; nobody else can sign one. A server
// therefore keeps the client secret, the account password and the access
// token, fetches a JWT per join with [Client.GetJWT], and hands the page only
// that JWT, the API key and the meeting's pcode.
//
// # Endpoints
//
//   - login and refresh (/oauth/token): [Client.Login], and by themselves;
//   - account: [Client.UserDetails], [Client.Timezones];
//   - contacts: [Client.AddContact], [Client.Contacts] and
//     [Client.AllContacts], [Client.EditContact], [Client.DeleteContact],
//     and [Client.FindOrAddContact] on top;
//   - meetings: [Client.ScheduleMeeting] (with invitees, recurrence and
//     options), [Client.ViewMeeting], [Client.EditMeeting],
//     [Client.ArchiveMeeting], [Client.DeleteMeeting], and the lists
//     [Upcoming], [Missed] and [Completed] through [Client.Meetings] and
//     [Client.AllMeetings];
//   - recordings: [Client.Recordings] and [Client.AllRecordings],
//     [Client.GetRecording], [Client.DeleteRecording];
//   - join tokens: [Client.GetJWT] with a typed [JWTConfig] and [UIConfig].
//
// Lists return one page with its [Paging] (total_pages, total_records); the
// All... methods are iterators (iter.Seq2) over every page. Where the SDKs
// disagree (archive's body, completedmeetings' spelling, invitee objects)
// the choice and its reason are in the doc comment of the method or type.
//
// # Transport
//
// Every endpoint is a POST of a JSON body. The OAuth endpoint /oauth/token
// serves the password and the refresh_token grants; every other endpoint
// lives under /api/v1.2 and needs "Authorization: Bearer <access token>".
// Answers carry an envelope {success, code, message}; success false is an
// error even with HTTP 200.
//
// # The access token
//
// The client logs in on first use, keeps the token in [Config.Cache] (a
// sharedcache.Cache: several server instances given the same cache share
// one token), renews it with the refresh token shortly before it expires,
// and after a 401 logs in again and retries once. Concurrent callers share
// one login (singleflight), which does not end when the caller that started
// it gives up.
//
// # Errors
//
// Failures are typed: [ErrUnavailable] (network error, timeout, HTTP 5xx),
// [ErrAuth] (credentials or token refused), [ErrMalformedResponse] (a body
// that is not the JSON the endpoint promises, or larger than 1 MiB),
// [ErrContactExists] (a duplicate contact) and [*APIError] for any answer
// with an error status or success false, keeping Meet Hour's code and
// message and the HTTP status. Errors never contain the password, the
// client secret or a token.
//
// # Webhooks
//
// [WebhookHandler] verifies the HMAC-SHA256 signature (under either header
// the SDKs read), refuses stale and replayed events, and decodes
// join_meeting, exit_meeting and save_meeting_recording into
// [WebhookEvent].
//
// Package meethourtest has a fake Meet Hour server for tests.
package meethour
