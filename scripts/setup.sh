#!/usr/bin/env bash
# Installs every tool Ordinal needs, skipping what is already present at the right version.
# Idempotent and non-interactive; safe to run on every `serve` and `test`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ORDINAL_TOOLS:-$HOME/.cache/ordinal-tools}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# wasm-bindgen-cli must equal the wasm-bindgen version pinned in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

need_rust_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

need_trunk() {
  if trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then return; fi
  log "installing trunk $TRUNK_VERSION (takes ~5 min)"
  # LTO off: same app output, much faster tool build on 2 cores.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked "trunk@$TRUNK_VERSION"
}

need_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if [ -z "$want" ]; then log "no wasm-bindgen in Cargo.lock"; exit 1; fi
  if wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $want"; then return; fi
  log "installing wasm-bindgen-cli $want (takes ~3 min)"
  # Not --locked: its lockfile pins a crate version the registry lacks.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --force wasm-bindgen-cli --version "$want"
}

need_node_tools() {
  # binaryen (wasm-opt) from npm: Debian's is too old for wasm-bindgen's output.
  # playwright-core drives the system Chromium for end-to-end tests (never `playwright`: it downloads browsers).
  mkdir -p "$TOOLS"
  if [ ! -f "$TOOLS/package.json" ]; then echo '{"private":true}' > "$TOOLS/package.json"; fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    log "installing binaryen $BINARYEN_VERSION (wasm-opt)"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION")
  fi
  if [ ! -d "$TOOLS/node_modules/playwright-core" ]; then
    log "installing playwright-core"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent "playwright-core@1")
  fi
}

need_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  log "installing chromium and chromedriver from apt"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
}

need_components() {
  for c in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$c"; then rustup component add "$c"; fi
  done
}

what="${1:-all}"
need_rust_target
need_components
need_node_tools
case "$what" in
  serve) need_trunk; need_wasm_bindgen ;;
  all) need_chromium; need_trunk; need_wasm_bindgen ;;
esac
log "tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -1)"
