#!/usr/bin/env bash
# Builds jitsi-meet's parent library (modules/API/external, the real
# JitsiMeetExternalAPI) for the tests: the sources come from the npm package
# @jitsi/react-native-sdk, which publishes jitsi-meet's sources, at a pinned
# version checked against a pinned integrity; they are bundled by the pinned
# esbuild of package-lock.json. Everything lands in .cache/jitsi-library/ of
# the repository (git-ignored) and is reused while the pins do not change.
# Prints the bundle's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sdk_version=13.2.0
sdk_integrity='sha512-J7itSoy85IScxeC4letOtoS33Sp0tH5hLYFHYtH+v3WQwLjganuWlFCjlDbL5ks9ebGhVNsCyCBdML9qC+SAWw=='
cache="$root/.cache/jitsi-library"
out="$cache/external_api-$sdk_version.js"
stamp="$cache/stamp"
want_stamp="$sdk_version $(sha256sum "$here/package-lock.json" "$here/build.sh" | sha256sum | cut -c1-64)"
if [ -f "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want_stamp" ]; then
	echo "$out"
	exit 0
fi
mkdir -p "$cache"
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
tgz="$cache/jitsi-react-native-sdk-$sdk_version.tgz"
if [ ! -f "$tgz" ]; then
	(cd "$cache" && npm pack "@jitsi/react-native-sdk@$sdk_version" --loglevel=error >/dev/null)
fi
got=$(node -e 'process.stdout.write("sha512-" + require("crypto").createHash("sha512")
	.update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$tgz")
if [ "$got" != "$sdk_integrity" ]; then
	rm -f "$tgz"
	echo "jitsi-library: @jitsi/react-native-sdk@$sdk_version does not match the pinned integrity" >&2
	exit 1
fi
src="$cache/sdk-$sdk_version"
rm -rf "$src"
mkdir -p "$src"
tar -xzf "$tgz" -C "$src" package/modules package/react
# NODE_PATH: the sources import their dependencies, installed next to this
# script. .web.* first: the web build of the shared sources.
NODE_PATH="$here/node_modules" "$here/node_modules/.bin/esbuild" \
	"$src/package/modules/API/external/index.js" \
	--bundle --format=iife --global-name=JitsiMeetExternalAPI \
	--resolve-extensions=.web.ts,.web.js,.ts,.js \
	--define:process.env.NODE_ENV='"production"' \
	--log-level=error --outfile="$out" >&2
rm -rf "$src"
echo "$want_stamp" >"$stamp"
echo "$out"
