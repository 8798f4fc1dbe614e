#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3, the last release that runs on Node 20) from the npm registry,
# offline-safe: no GitHub, no update server. Used as the "VS Code executable" of the integration and UI tests
# when desktop VS Code cannot be downloaded. Idempotent; prints the path of the code-server binary.
# The install lives outside the checkout (default ~/.cache/layerlens/tools) so CI's fresh clones reuse it.
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}"
TOOLS_DIR="${LAYERLENS_TOOLS_DIR:-$HOME/.cache/layerlens/tools}/code-server-$CS_VERSION"
BIN="$TOOLS_DIR/node_modules/.bin/code-server"
if [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; then echo "$BIN"; exit 0; fi
{
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    # libkrb5-dev: code-server's kerberos module; ripgrep: seeds @vscode/ripgrep (its postinstall downloads from GitHub).
    dpkg -s ripgrep libkrb5-dev pkg-config build-essential >/dev/null 2>&1 || {
      apt-get update -qq
      apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends ripgrep libkrb5-dev pkg-config build-essential python3
    }
  fi
  SEED_TMP="$TOOLS_DIR/tmp"
  mkdir -p "$SEED_TMP/vscode-ripgrep-cache-1.15.11" "$TOOLS_DIR/rg"
  cp "$(command -v rg)" "$TOOLS_DIR/rg/rg"
  tar czf "$SEED_TMP/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TOOLS_DIR/rg" rg
  cd "$TOOLS_DIR"
  # npm 11 skips dependency install scripts unless package.json allows them by name; code-server's postinstall
  # installs VS Code's own dependencies, the others build native modules.
  cat > package.json <<'JSON'
{"name":"layerlens-code-server","private":true,
 "allowScripts":{"code-server":true,"argon2":true,"node-pty":true,"@vscode/ripgrep":true,"kerberos":true,"@parcel/watcher":true,"@vscode/spdlog":true,"native-watchdog":true,"@vscode/sqlite3":true}}
JSON
  # --unsafe-perm: its postinstall refuses to run as root otherwise. npm_config_yes: node-pty's postinstall runs
  # `npx node-gyp`.
  TMPDIR="$SEED_TMP" npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm \
    "code-server@$CS_VERSION"
  XDG_CONFIG_HOME="$TOOLS_DIR/xdg/config" XDG_DATA_HOME="$TOOLS_DIR/xdg/data" "$BIN" --version
} >&2
echo "$BIN"
