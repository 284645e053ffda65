# Shared set-up for scripts/serve.sh and scripts/test.sh. Sourced, not run.
#
# Every step installs what is missing and skips what is present, so a fresh
# machine gets everything and a warm one starts in seconds. Every step that
# fails stops the script with the reason.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
TOOLS="$ROOT/.tools"
export PATH="$HOME/.cargo/bin:$TOOLS/binaryen/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# The wasm-bindgen version pinned in Cargo.lock (the CLI must equal it).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else
    fail "need root to run: $* (install it by hand, then re-run)"; fi
}

setup_build_tools() {
  have cargo || fail "cargo is not installed: install Rust with rustup (https://rustup.rs) first"
  have rustup || fail "rustup is not installed: the wasm32 target is added with rustup"
  have npm || fail "npm is not installed: Node.js 20+ with npm is needed for wasm-opt and the browser tests"

  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "wasm32-unknown-unknown target: present"
  else
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || fail "rustup could not add the wasm32 target"
  fi

  if have trunk && trunk --version | grep -q "trunk 0\.21\."; then
    echo "trunk: $(trunk --version)"
  else
    step "Installing Trunk $TRUNK_VERSION (about 6 minutes on 2 cores)"
    cargo install --locked "trunk@$TRUNK_VERSION" || fail "cargo install trunk@$TRUNK_VERSION failed"
  fi

  local wb
  wb="$(wasm_bindgen_version)"
  [ -n "$wb" ] || fail "Cargo.lock names no wasm-bindgen version"
  if have wasm-bindgen && wasm-bindgen --version | grep -q " $wb\$"; then
    echo "wasm-bindgen: $(wasm-bindgen --version)"
  else
    step "Installing wasm-bindgen-cli $wb (about 2 minutes; must equal Cargo.lock)"
    # Not --locked: its lock file names a dependency version the registry lacks.
    cargo install --force "wasm-bindgen-cli@$wb" || fail "cargo install wasm-bindgen-cli@$wb failed"
  fi

  if have wasm-opt && wasm-opt --version | grep -q "version $BINARYEN_VERSION"; then
    echo "wasm-opt: $(wasm-opt --version)"
  else
    step "Installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
    mkdir -p "$TOOLS/binaryen"
    npm install --prefix "$TOOLS/binaryen" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" \
      || fail "npm install binaryen@$BINARYEN_VERSION failed"
    wasm-opt --version | grep -q "version $BINARYEN_VERSION" || fail "wasm-opt $BINARYEN_VERSION is not on PATH after install"
  fi
}

setup_browser() {
  if have chromium && have chromedriver; then
    echo "chromium: $(chromium --version 2>/dev/null | head -1)"
  else
    step "Installing Debian chromium and chromium-driver"
    as_root apt-get update -q || fail "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver \
      || fail "apt-get install chromium chromium-driver failed"
  fi
  local want have_pw
  want="$(node -p 'require("./tests/e2e/package.json").devDependencies["playwright-core"]')"
  have_pw="$(node -p 'try { require("./tests/e2e/node_modules/playwright-core/package.json").version } catch { "" }')"
  if [ "$want" = "$have_pw" ]; then
    echo "playwright-core: $have_pw"
  else
    step "Installing the end-to-end test harness (playwright-core, no browser download)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$ROOT/tests/e2e" --no-audit --no-fund --silent \
      || fail "npm ci in tests/e2e failed"
  fi
}

setup_fuzz() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    step "Installing the nightly toolchain (cargo-fuzz needs it)"
    rustup toolchain install nightly --profile minimal || fail "the nightly toolchain is needed for cargo-fuzz and could not be installed"
  fi
  if have cargo-fuzz; then
    echo "cargo-fuzz: $(cargo fuzz --version 2>/dev/null || echo present)"
  else
    step "Installing cargo-fuzz (about 2 minutes)"
    cargo install cargo-fuzz || fail "cargo install cargo-fuzz failed"
  fi
}

build_release() {
  step "Building the app (release)"
  trunk build --release --offline || fail "trunk build --release failed"
}
