// Package token issues the join tokens (JWT) that let a page enter a meeting
// of self-hosted Jitsi Meet, 8x8 JaaS, Meet Hour or the project's sandbox.
//
// The server authenticates the user, decides whether they moderate, and asks
// an [Issuer] for a [Grant]: everything the page passes to the External API
// constructor (domain, room name, jwt, and for Meet Hour apiKey and pcode)
// plus the script to load. Moderator rights come only from
// [Request.Moderator], which the server sets from its own role lookup; no
// field of a browser request should ever reach it.
//
// Tokens follow what the verifiers check (Prosody's token/util.lib.lua and
// the Jitsi web client): header typ "JWT"; aud a plain JSON string; one exact
// room and never the "*" wildcard; a short exp, nbf back-dated by 10 s (the
// verifiers allow no clock skew), iat and a random jti; and context.user with
// moderator as the string "true" or "false". Self-hosted tokens add
// context.user.affiliation ("owner" or "member") for mod_token_affiliation;
// JaaS tokens add the context.features object JaaS requires.
//
// Meet Hour tokens are minted by Meet Hour only: [MeetHour] fetches them
// through package meethour.
//
// Configurations refuse weak keys at construction, and neither they nor the
// issuers print key material: their String, GoString and LogValue redact it.
package token
