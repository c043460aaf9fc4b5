#!/usr/bin/env bash
# Sizes of the bridge-only page (examples/bridge) against a plain Go hello
# world, both built with the same flags, and of the console (cmd/wasm) as
# make build builds it (tag externalapi_stdjson) and without the tag; raw,
# gzip -9 and brotli -q 11 bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v brotli >/dev/null || { apt-get update >/dev/null && apt-get install -y brotli >/dev/null; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/hello"
cat >"$out/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
GO
printf 'module hello\n\ngo 1.26\n' >"$out/hello/go.mod"
flags=(-trimpath -ldflags='-s -w')
GOOS=js GOARCH=wasm go build "${flags[@]}" -o "$out/bridge.wasm" ./examples/bridge
(cd "$out/hello" && GOOS=js GOARCH=wasm go build "${flags[@]}" -o "$out/hello.wasm" .)
GOOS=js GOARCH=wasm go build -tags=externalapi_stdjson "${flags[@]}" -o "$out/console.wasm" ./cmd/wasm
GOOS=js GOARCH=wasm go build "${flags[@]}" -o "$out/console-untagged.wasm" ./cmd/wasm
printf '| program | raw | gzip -9 | brotli 11 |\n|---|---|---|---|\n'
for p in hello bridge console console-untagged; do
	f="$out/$p.wasm"
	raw=$(stat -c %s "$f")
	gz=$(gzip -9 -c "$f" | wc -c)
	br=$(brotli -q 11 -c "$f" | wc -c)
	printf '| %s | %d | %d | %d |\n' "$p" "$raw" "$gz" "$br"
done
