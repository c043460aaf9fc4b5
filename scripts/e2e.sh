#!/usr/bin/env bash
# Runs the end-to-end tests (package e2e) in headless Chromium against a
# sandbox server started here on a free loopback port. The wasm test runner
# proxies the server, so the test page and the conference share an origin.
#
# With --real-library as the first argument, the suite drives jitsi-meet's
# real parent library (built by tools/jitsi-library/build.sh from pinned npm
# sources) instead of the sandbox's /external_api.js, over HTTPS as that
# library insists. Other arguments go to go test (for example -bench . or
# -count 2).
set -euo pipefail
cd "$(dirname "$0")/.."
real=""
if [ "${1:-}" = "--real-library" ]; then
	real=1
	shift
fi
make -s build wasmtest >/dev/null
extra=()
if [ -n "$real" ]; then
	bundle=$(tools/jitsi-library/build.sh)
	extra=(MEETBRIDGE_WASMTEST_TLS=1 "MEETBRIDGE_WASMTEST_ASSETS=$(dirname "$bundle")"
		"MEETBRIDGE_E2E_LIBRARY=/assets/$(basename "$bundle")")
fi
dir=$(mktemp -d)
out="$dir/server.out"
token=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
# The harness joins as the moderator, with a jwt from POST /api/token after
# signing in with the password the server writes to $dir/moderator: a page
# without a jwt is only a participant. The session cookie goes over plain
# http to the runner's loopback proxy, and the suite gets a token per room.
MEETBRIDGE_SANDBOX_CONTROL_TOKEN="$token" ./dist/server -addr 127.0.0.1:0 -wasm dist/app.wasm \
	-dev-moderator-file "$dir/moderator" -insecure-cookies -token-rate 6000 >"$out" 2>"$dir/server.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
url=""
for _ in $(seq 100); do
	url=$(grep -o 'http://[^ ]*/' "$out" | head -1 || true)
	[ -n "$url" ] && break
	kill -0 $pid 2>/dev/null || { cat "$dir/server.err"; exit 1; }
	read -r -t 0.1 <> <(:) || true # wait 0.1 s for the server to print its URL
done
[ -n "$url" ] || { echo "e2e: the server printed no URL"; cat "$dir/server.err"; exit 1; }
env "${extra[@]}" MEETBRIDGE_WASMTEST_BACKEND="${url%/}" MEETBRIDGE_SANDBOX_CONTROL_TOKEN="$token" \
	MEETBRIDGE_E2E_MODERATOR_PASSWORD="$(cat "$dir/moderator")" \
	GOOS=js GOARCH=wasm go test -count=1 -exec="$PWD/.bin/wasmtest" "$@" ./e2e/
