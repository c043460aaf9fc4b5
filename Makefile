# meetbridge: `make run` builds the bundle and starts the server; `make test`
# installs what the tests need and runs every test, on the host and in
# headless Chromium.

GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
BIN     := $(CURDIR)/.bin
DIST    := $(CURDIR)/dist
ADDR    ?= 127.0.0.1:8080
CHROMIUM ?= /usr/bin/chromium
WASMENV := GOOS=js GOARCH=wasm
# Packages whose tests also run in the browser.
WASM_PKGS := ./externalapi/... ./app/... ./internal/jsutil/...
# The console links encoding/json anyway (go-app does), so it is built with
# externalapi's readers and writers on encoding/json instead of fastjson and
# the generated code (see externalapi/stdjson.go); the packages that change
# with the tag are tested in both forms.
CONSOLE_TAGS := -tags=externalapi_stdjson
CONSOLE_PKGS := ./externalapi/... ./app/...

.PHONY: all build run wasmtest test-e2e test test-host test-wasm chromium redis generate bench bench-size fmt vet clean jitsi-library

all: build

wasm_exec.js: $(GOROOT)/lib/wasm/wasm_exec.js
	cp $< $@

$(BIN)/wasmtest: $(wildcard tools/cmd/wasmtest/*) tools/go.mod
	cd tools && $(GO) build -o $@ ./cmd/wasmtest

wasmtest: $(BIN)/wasmtest

$(BIN)/precompress: $(wildcard tools/cmd/precompress/*) tools/go.mod
	cd tools && $(GO) build -o $@ ./cmd/precompress

# The bundle is rebuilt every time but replaces dist/app.wasm only when its
# bytes changed, so that the slow precompression (a file rule on the
# bundle's time) runs only for a new bundle.
build: wasm_exec.js $(BIN)/precompress
	mkdir -p $(DIST)
	$(WASMENV) $(GO) build $(CONSOLE_TAGS) -trimpath -ldflags='-s -w' -o $(DIST)/app.wasm.new ./cmd/wasm
	@if cmp -s $(DIST)/app.wasm.new $(DIST)/app.wasm; then rm $(DIST)/app.wasm.new; echo "bundle unchanged"; \
		else mv $(DIST)/app.wasm.new $(DIST)/app.wasm; fi
	$(MAKE) --no-print-directory $(DIST)/app.wasm.br $(DIST)/app.wasm.gz
	$(GO) build -o $(DIST)/server ./cmd/server

$(DIST)/app.wasm.br $(DIST)/app.wasm.gz &: $(DIST)/app.wasm $(BIN)/precompress
	$(BIN)/precompress $(DIST)/app.wasm

run: build
	$(DIST)/server -addr $(ADDR) -wasm $(DIST)/app.wasm \
		-sandbox-control-token-file $(DIST)/sandbox-control-token -dev-moderator-file $(DIST)/moderator-password

chromium:
	@command -v chromium >/dev/null 2>&1 || test -x $(CHROMIUM) || \
		{ echo "installing Debian chromium"; apt-get update && apt-get install -y chromium; }

# The server's tests run their own redis-server (Debian's) on a free port.
redis:
	@command -v redis-server >/dev/null 2>&1 || \
		{ echo "installing Debian redis-server"; apt-get update && apt-get install -y redis-server; }

generate:
	$(GO) generate ./...

vet:
	$(GO) vet ./...
	$(WASMENV) $(GO) vet ./...
	$(GO) vet $(CONSOLE_TAGS) $(CONSOLE_PKGS)
	$(WASMENV) $(GO) vet $(CONSOLE_TAGS) $(CONSOLE_PKGS) ./cmd/wasm

test: test-host test-wasm test-e2e

# jose verifies our tokens in the server tests, independently of golang-jwt.
JOSE := server/testdata/jose
$(JOSE)/node_modules/jose/package.json: $(JOSE)/package-lock.json
	npm ci --prefix $(JOSE) --no-audit --no-fund
	touch $@

# jitsi-meet's real parent library, bundled from pinned npm sources into
# .cache/jitsi-library/ (git-ignored): the sandbox's library protocol tests
# and the e2e suite run against it as well as against the sandbox's own.
jitsi-library:
	tools/jitsi-library/build.sh

test-host: wasm_exec.js vet chromium redis $(JOSE)/node_modules/jose/package.json
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) mod tidy -diff
	cd tools && $(GO) mod tidy -diff
	$(GO) test -count=1 ./...
	$(GO) test -count=1 $(CONSOLE_TAGS) $(CONSOLE_PKGS)
	lib=$$(tools/jitsi-library/build.sh) && cd tools && $(GO) vet ./... && MEETBRIDGE_JITSI_LIBRARY=$$lib $(GO) test -count=1 ./...

test-wasm: chromium $(BIN)/wasmtest
	$(WASMENV) $(GO) test -count=1 -exec=$(BIN)/wasmtest $(WASM_PKGS)
	$(WASMENV) $(GO) test -count=1 $(CONSOLE_TAGS) -exec=$(BIN)/wasmtest $(CONSOLE_PKGS)

# The suite runs twice in one browser page (-count=2): leaks would show; then
# once more against jitsi-meet's real library, over HTTPS.
test-e2e: chromium
	./scripts/e2e.sh -count=2
	./scripts/e2e.sh --real-library

bench: chromium $(BIN)/wasmtest
	$(WASMENV) $(GO) test -run='^$$' -bench=. -benchmem -count=3 -exec=$(BIN)/wasmtest ./externalapi
	./scripts/e2e.sh -run='^$$' -bench=. -benchmem -count=3
	cd tools && $(GO) test -run='^$$' -bench=ReadyTime -benchtime=1x -count=3 ./browsertests/e2e
	$(GO) test -run='^$$' -bench=TokenEndpoint -benchtime=5000x -count=3 ./server

bench-size:
	./scripts/wasm-size.sh

clean:
	rm -rf $(BIN) $(DIST)
