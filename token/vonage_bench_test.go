package token_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/meetbridge/meetbridge/token"
	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

// BenchmarkVonageIssue compares a member's grant for a room already made
// (a cache hit) with a moderator's grant for a new room (a signed request
// to the fake Vonage over loopback), in one run.
func BenchmarkVonageIssue(b *testing.B) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	client, err := vonage.New(fake.ClientConfig())
	if err != nil {
		b.Fatal(err)
	}
	v, err := token.NewVonage(client, token.VonageConfig{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := v.Issue(b.Context(), token.Request{Room: "standup", UserID: "ada", Moderator: true}); err != nil {
		b.Fatal(err)
	}
	b.Run("cached-member", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := v.Issue(b.Context(), token.Request{Room: "standup", UserID: "guest"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("new-room", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			room := fmt.Sprintf("room-%d-%d", time.Now().UnixNano(), i)
			if _, err := v.Issue(b.Context(), token.Request{Room: room, UserID: "ada", Moderator: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
