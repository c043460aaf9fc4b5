package token_test

import (
	"fmt"
	"testing"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/meetbridge/meetbridge/token"
)

// BenchmarkIssue times one Issue, signing included, per algorithm.
func BenchmarkIssue(b *testing.B) {
	hs, err := token.NewJitsi(token.JitsiConfig{Domain: "meet.example.com", AppID: "app", Secret: hsSecret()})
	if err != nil {
		b.Fatal(err)
	}
	rs, err := token.NewJitsi(token.JitsiConfig{Domain: "meet.example.com", AppID: "app", PrivateKey: testKey(), KID: "k"})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name   string
		issuer token.Issuer
	}{{"HS256", hs}, {"RS256", rs}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.issuer.Issue(b.Context(), ada); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMeetHourMember times a member's Meet Hour token against the
// fake on loopback: "cached" is a repeat join served from the cache,
// "new-member" finds no contact, adds one, invites it and fetches its
// token (contacts pages, addcontact, viewmeeting, editmeeting, getjwt):
// finding by email reads the whole contact list, so its cost grows with
// the account's contacts.
func BenchmarkMeetHourMember(b *testing.B) {
	fake := meethourtest.NewServer(meethourtest.Config{})
	defer fake.Close()
	client, err := meethour.New(fake.ClientConfig())
	if err != nil {
		b.Fatal(err)
	}
	mh, err := token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true, Cache: sharedcache.NewMemory(1 << 20)})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := mh.Issue(b.Context(), ada); err != nil {
		b.Fatal(err)
	}
	member := token.Request{Room: ada.Room, DisplayName: "Bob", Email: "bob@example.com", UserID: "guest-1"}
	b.Run("cached", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := mh.Issue(b.Context(), member); err != nil {
				b.Fatal(err)
			}
		}
	})
	n := 0 // -count repeats the sub-benchmarks on the same fake: every email is new
	b.Run("new-member", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n++
			m := member
			m.Email = fmt.Sprintf("m%d@example.com", n)
			if _, err := mh.Issue(b.Context(), m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
