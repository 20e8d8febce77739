# Shared settings for scripts/setup.sh, scripts/serve and scripts/test. Source it; don't run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Tools that don't belong in ~/.cargo/bin (wasm-opt, playwright-core) live here, outside the tree,
# so nothing written during `trunk serve` lands in a watched directory.
TOOLS="${ORDINAL_TOOLS:-$HOME/.cache/ordinal-tools}"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"        # wasm-opt "version_132"; must match Trunk.toml [tools] wasm_opt
PLAYWRIGHT_CORE_VERSION="1.65.1"  # drives the system Chromium; never the `playwright` package (it downloads browsers)
AXE_CORE_VERSION="4.14.1"         # the accessibility checks of the e2e tests (tests/e2e/a11y.mjs; installed in $TOOLS/a11y)
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

export ORDINAL_TOOLS="$TOOLS" CHROMIUM CHROMEDRIVER
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
# Trunk must never download anything (Trunk.toml says so too).
export TRUNK_OFFLINE=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"

log() { printf '\033[1m[%s]\033[0m %s\n' "${LOG_TAG:-ordinal}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The wasm-bindgen version pinned in Cargo.lock; wasm-bindgen-cli must equal it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
