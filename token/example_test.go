package token_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/meetbridge/meetbridge/token"
)

// Room names are checked before any token names them.
func ExampleValidateRoom() {
	for _, room := range []string{"daily-standup", "*", "Standup", "ab"} {
		fmt.Println(room, token.ValidateRoom(room) == nil)
	}
	// Output:
	// daily-standup true
	// * false
	// Standup false
	// ab false
}

// A self-hosted Jitsi with Prosody's app_id and app_secret (HS256). The
// server sets Moderator from its own session, never from the browser.
func ExampleNewJitsi() {
	issuer, err := token.NewJitsi(token.JitsiConfig{
		Domain: "meet.example.com",
		AppID:  "my_app_id",
		Secret: []byte("a-secret-of-at-least-32-random-bytes!"), // from env or a secret file
		Now:    func() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	g, err := issuer.Issue(context.Background(), token.Request{Room: "standup", UserID: "u-1", DisplayName: "Ada", Moderator: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(g.Domain, g.RoomName, g.ScriptURL, g.ExpiresAt)
	header, payload := segment(g.JWT, 0), segment(g.JWT, 1)
	fmt.Println(header)
	var claims struct {
		Aud     string          `json:"aud"`
		Sub     string          `json:"sub"`
		Room    string          `json:"room"`
		Context json.RawMessage `json:"context"`
	}
	_ = json.Unmarshal([]byte(payload), &claims)
	fmt.Println(claims.Aud, claims.Sub, claims.Room, string(claims.Context))
	// Output:
	// meet.example.com standup https://meet.example.com/external_api.js 2026-11-20 12:10:00 +0000 UTC
	// {"alg":"HS256","typ":"JWT"}
	// jitsi meet.example.com standup {"user":{"id":"u-1","name":"Ada","moderator":"true","affiliation":"owner"}}
}

// segment decodes one part of a compact JWT.
func segment(jwt string, i int) string {
	b, _ := base64.RawURLEncoding.DecodeString(strings.Split(jwt, ".")[i])
	return string(b)
}

// 8x8 JaaS: the room name the page uses carries the app id, the token's
// room claim does not.
func ExampleNewJaaS() {
	key, _ := rsa.GenerateKey(rand.Reader, 2048) // in production: the key downloaded from the JaaS console
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	issuer, err := token.NewJaaS(token.JaaSConfig{
		AppID:         "vpaas-magic-cookie-0123456789abcdef0123456789abcdef",
		KeyID:         "4f4910",
		PrivateKeyPEM: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
		Features:      map[string]bool{"recording": true, "livestreaming": false},
	})
	if err != nil {
		panic(err)
	}
	g, err := issuer.Issue(context.Background(), token.Request{Room: "standup", UserID: "u-2", DisplayName: "Bob"})
	if err != nil {
		panic(err)
	}
	fmt.Println(g.Domain, g.RoomName)
	fmt.Println(g.ScriptURL)
	fmt.Println(segment(g.JWT, 0))
	// Output:
	// 8x8.vc vpaas-magic-cookie-0123456789abcdef0123456789abcdef/standup
	// https://8x8.vc/libs/external_api.min.js
	// {"alg":"RS256","kid":"vpaas-magic-cookie-0123456789abcdef0123456789abcdef/4f4910","typ":"JWT"}
}

// The sandbox conference reads who moderates from the token it is given.
func ExampleSandbox_Verify() {
	sandbox, err := token.NewSandbox("localhost:8080", "/sandbox/external_api.js", 5*time.Minute)
	if err != nil {
		panic(err)
	}
	g, _ := sandbox.Issue(context.Background(), token.Request{Room: "standup", UserID: "u-1", Moderator: true})
	claims, err := sandbox.Verify(g.JWT)
	fmt.Println(claims.Room, claims.Context.User.IsModerator(), err)

	sandbox.Now = func() time.Time { return time.Now().Add(time.Hour) } // an hour later
	_, err = sandbox.Verify(g.JWT)
	fmt.Println(err)
	// Output:
	// standup true <nil>
	// token: invalid token: token has invalid claims: token is expired
}

// Configurations print without their keys.
func ExampleJitsiConfig_String() {
	cfg := token.JitsiConfig{Domain: "meet.example.com", AppID: "my_app_id", Secret: []byte("a-secret-of-at-least-32-random-bytes!")}
	fmt.Printf("%+v\n", cfg)
	// Output:
	// token.JitsiConfig{Domain:meet.example.com AppID:my_app_id Audience: Subject: Secret:[redacted] PrivateKey:<none> KID: TTL:0s ScriptURL:}
}

// Meet Hour mints its own tokens: the issuer schedules a meeting for the
// room once, when the moderator first opens it, and fetches a token per join.
func ExampleNewMeetHour() {
	fake := meethourtest.NewServer(meethourtest.Config{}) // stands in for api.meethour.io
	defer fake.Close()
	client, err := meethour.New(fake.ClientConfig())
	if err != nil {
		panic(err)
	}
	issuer, err := token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true, Options: []string{"JOIN_ANYTIME"}})
	if err != nil {
		panic(err)
	}
	g, err := issuer.Issue(context.Background(), token.Request{Room: "standup", UserID: "u-1", Moderator: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(g.Domain, strings.HasPrefix(g.RoomName, "MHR"), g.APIKey, g.PCode != "", g.JWT != "")
	fmt.Println(g.ScriptURL)
	// Output:
	// meethour.io true fake-api-key-0c3e true true
	// https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=fake-api-key-0c3e
}
