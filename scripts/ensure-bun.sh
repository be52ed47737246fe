#!/usr/bin/env bash
# Makes sure a real released Bun is available for the Bun probe tests, without touching the project's
# node_modules or lockfile: the npm package that holds the Linux x64 binary goes into the ignored folder
# .cache/bun/. Idempotent: does nothing when the binary is there and reports the pinned version.
# Prints the binary's absolute path on stdout (the tests read it); progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${BMES_TEST_BUN_VERSION:-1.4.5}"
PREFIX="$PWD/.cache/bun/$VERSION"
BIN="$PREFIX/node_modules/@oven/bun-linux-x64/bin/bun"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ensure-bun: the test Bun is the Linux x64 build; this machine is $(uname -s)-$(uname -m)" >&2
  exit 1
fi

if [ -x "$BIN" ] && [ "$("$BIN" --version 2>/dev/null)" = "$VERSION" ]; then
  echo "$BIN"
  exit 0
fi

echo "ensure-bun: installing @oven/bun-linux-x64@$VERSION into $PREFIX" >&2
mkdir -p "$PREFIX"
# --prefix with its own package.json keeps the install out of the project; --no-save writes no manifest
# entry; scripts are off because the binary needs none (the package only carries bin/bun).
[ -f "$PREFIX/package.json" ] || echo '{ "private": true }' >"$PREFIX/package.json"
npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error \
  "@oven/bun-linux-x64@$VERSION" >&2
chmod +x "$BIN"
found="$("$BIN" --version)"
if [ "$found" != "$VERSION" ]; then
  echo "ensure-bun: $BIN reports version $found, expected $VERSION" >&2
  exit 1
fi
echo "$BIN"
