package app

import (
	"fmt"
	"slices"
)

// ReservedRooms are names the server routes itself (pages, API, assets,
// health, the sandbox's own paths, metrics): a room of that name would
// embed the wrong page, so neither the forms nor the server accept them.
var ReservedRooms = []string{
	"api", "app", "console", "healthz", "metrics", "web", "wasm_exec", "external_api", "sandbox", "_sandbox",
	"manifest", "goapp", "app-worker", "favicon", "robots", "static", "assets",
}

// ReservedRoom reports whether name is a route of the server, with a
// message that says so.
func ReservedRoom(name string) error {
	if slices.Contains(ReservedRooms, name) {
		return fmt.Errorf("%q is one of the server's own pages, not a room: choose another name", name)
	}
	return nil
}
