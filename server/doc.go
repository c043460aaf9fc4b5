// Package server is meetbridge's HTTP server: it serves the page and its
// WebAssembly bundle, the sandbox conference (the default provider, which
// needs no account and no internet) and the join-token API.
package server
