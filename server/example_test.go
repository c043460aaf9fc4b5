package server_test

import (
	"fmt"

	"github.com/meetbridge/meetbridge/server"
)

// The load balancers whose X-Forwarded-For the server believes, as
// -trusted-proxies takes them.
func ExampleParseTrustedProxies() {
	trusted, err := server.ParseTrustedProxies("10.0.0.0/8, 192.0.2.7, ::ffff:198.51.100.1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(trusted)
	_, err = server.ParseTrustedProxies("lb.example.com")
	fmt.Println(err)
	// Output:
	// [10.0.0.0/8 192.0.2.7/32 198.51.100.1/32]
	// trusted proxy "lb.example.com": not an address or CIDR network
}

// A weak password is refused with how to make a good one.
func ExampleCheckPassword() {
	fmt.Println(server.CheckPassword("password1234"))
	fmt.Println(server.CheckPassword("correct horse battery staple"))
	// Output:
	// the password is weak (about 13 bits of guessing, want at least 50: it contains well-known words or passwords): make one with: openssl rand -base64 32
	// <nil>
}
