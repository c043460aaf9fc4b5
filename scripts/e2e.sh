#!/usr/bin/env bash
# Runs the end-to-end tests (package e2e) in headless Chromium against a
# sandbox server started here on a free loopback port. The wasm test runner
# proxies the server, so the test page and the conference share an origin.
# Extra arguments go to go test (for example -bench . or -count 2).
set -euo pipefail
cd "$(dirname "$0")/.."
make -s build wasmtest >/dev/null
dir=$(mktemp -d)
out="$dir/server.out"
token=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
MEETBRIDGE_SANDBOX_CONTROL_TOKEN="$token" ./dist/server -addr 127.0.0.1:0 -wasm dist/app.wasm >"$out" 2>"$dir/server.err" &
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
MEETBRIDGE_WASMTEST_BACKEND="${url%/}" MEETBRIDGE_SANDBOX_CONTROL_TOKEN="$token" \
	GOOS=js GOARCH=wasm go test -count=1 -exec="$PWD/.bin/wasmtest" "$@" ./e2e/
