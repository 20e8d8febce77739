#!/usr/bin/env bash
# Installs every tool Ordinal needs, skipping what is already present at the right version.
# Idempotent and non-interactive; scripts/serve and scripts/test run it every time.
#
#   scripts/setup.sh serve   # what `trunk serve` needs
#   scripts/setup.sh [all]   # everything, including Chromium for the tests
#
# Needs only: rustup + cargo, node + npm, apt-get (root or passwordless sudo) for Chromium.
# Everything comes from crates.io, npm or apt: nothing downloads its own binaries.
set -euo pipefail
LOG_TAG=setup
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

what="${1:-all}"
case "$what" in serve | all | test) ;; *) die "usage: scripts/setup.sh [serve|all]" ;; esac

for cmd in cargo rustup node npm; do
  command -v "$cmd" >/dev/null || die "'$cmd' not found: install Rust (rustup) and Node.js (>= 18) first"
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 18 ] || die "Node.js >= 18 needed (have $(node --version))"

mkdir -p "$TOOLS"
# Two scripts starting at once (serve + test) must not install the same thing twice.
exec 9>"$TOOLS/.setup.lock"
flock 9

need_rust_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

need_components() {
  local c
  for c in "$@"; do
    if ! rustup component list --installed | grep -q "^$c"; then
      log "adding rust component $c"
      rustup component add "$c"
    fi
  done
}

# Tool builds: LTO off and more codegen units give the same tools in ~half the time on 2 cores.
cargo_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install --quiet "$@"
}

need_trunk() {
  if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then return; fi
  log "installing trunk $TRUNK_VERSION from crates.io (5-8 min on 2 cores)"
  # 0.21.x: 0.22 needs a newer rustc.
  cargo_install --locked --force "trunk@$TRUNK_VERSION"
}

need_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $want" &&
    wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $want\$"; then
    return
  fi
  log "installing wasm-bindgen-cli $want from crates.io (~3 min)"
  # Not --locked: its lockfile pins a crate version the registry lacks.
  cargo_install --force wasm-bindgen-cli --version "$want"
}

need_node_tools() {
  # binaryen (wasm-opt) from npm: Debian's binaryen is too old for wasm-bindgen's output.
  local pkg="$TOOLS/package.json"
  local want
  want="{\"private\":true,\"dependencies\":{\"binaryen\":\"$BINARYEN_VERSION\",\"playwright-core\":\"$PLAYWRIGHT_CORE_VERSION\"}}"
  installed() { node -p "require('$TOOLS/node_modules/$1/package.json').version" 2>/dev/null; }
  if [ "$(cat "$pkg" 2>/dev/null)" = "$want" ] &&
    [ "$(installed binaryen)" = "$BINARYEN_VERSION" ] &&
    [ "$(installed playwright-core)" = "$PLAYWRIGHT_CORE_VERSION" ]; then
    return
  fi
  log "installing binaryen@$BINARYEN_VERSION and playwright-core@$PLAYWRIGHT_CORE_VERSION from npm into $TOOLS"
  printf '%s\n' "$want" >"$pkg"
  (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error)
}

# axe-core for the e2e accessibility checks, in a folder of its own so that installing it never
# rewrites the node tools above (other checkouts share $TOOLS).
need_axe() {
  local dir="$TOOLS/a11y"
  local want="{\"private\":true,\"dependencies\":{\"axe-core\":\"$AXE_CORE_VERSION\"}}"
  if [ "$(cat "$dir/package.json" 2>/dev/null)" = "$want" ] &&
    [ "$(node -p "require('$dir/node_modules/axe-core/package.json').version" 2>/dev/null)" = "$AXE_CORE_VERSION" ]; then
    return
  fi
  log "installing axe-core@$AXE_CORE_VERSION from npm into $dir"
  mkdir -p "$dir"
  printf '%s\n' "$want" >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
}

need_chromium() {
  if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then return; fi
  log "installing chromium and chromium-driver from apt"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo -n); fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ] || die "chromium/chromedriver not at $CHROMIUM / $CHROMEDRIVER"
}

need_rust_target
need_node_tools
need_axe
case "$what" in
  serve)
    need_trunk
    need_wasm_bindgen
    ;;
  all | test)
    need_components rustfmt clippy
    # Chromium first: it's quick, and a failure should show before the long cargo installs.
    need_chromium
    need_trunk
    need_wasm_bindgen
    ;;
esac
log "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -1)"
