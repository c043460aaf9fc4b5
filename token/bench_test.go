package token_test

import (
	"testing"

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
