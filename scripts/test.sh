#!/usr/bin/env bash
# Set up what is missing, then run every test: native, in-browser (wasm in
# headless Chromium) and end-to-end (the release build driven in Chromium).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_build_tools
setup_browser

LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT

step "Native tests (core, command-line tool)"
cargo test --locked 2>&1 | tee "$LOGS/native.log"; [ "${PIPESTATUS[0]}" = 0 ] || fail "native tests failed"

step "In-browser tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown --test browser 2>&1 | tee "$LOGS/browser.log"
[ "${PIPESTATUS[0]}" = 0 ] || fail "in-browser tests failed"

step "Fuzzing (a short pass; scripts/fuzz.sh SECONDS runs a longer one)"
FUZZ_LOG="$LOGS/fuzz.log" bash scripts/fuzz.sh "${FUZZ_SECONDS:-15}" || fail "fuzzing found a crash"

build_release

step "End-to-end tests (release build in headless Chromium)"
node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$LOGS/e2e.log"
[ "${PIPESTATUS[0]}" = 0 ] || fail "end-to-end tests failed"

# One closing line over every runner: cargo's "test result: ok. N passed; M
# failed" lines and node's "# pass N" / "# fail M".
passed=$(cat "$LOGS"/*.log | sed -n 's/^test result: .* \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p; s/^# pass \([0-9]*\)$/\1/p' | awk '{s+=$1} END {print s+0}')
failed=$(cat "$LOGS"/*.log | sed -n 's/^test result: .* \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p; s/^# fail \([0-9]*\)$/\1/p' | awk '{s+=$1} END {print s+0}')
step "All tests passed"
echo "tests: $passed passed, $failed failed"
