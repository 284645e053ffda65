#!/usr/bin/env bash
# The benchmark: native import and ranking figures, then one headless-Chromium
# run comparing our wasm import with Papa Parse and uDSV on the same generated
# files, time to first render and bundle size. Writes target/bench-report.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_build_tools
setup_browser
if [ "$(node -p 'try { require("./tests/bench/node_modules/udsv/package.json").version } catch { "" }')" != "0.7.3" ]; then
  step "Installing the benchmark's comparison parsers (Papa Parse, uDSV; never shipped)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/bench --no-audit --no-fund --silent || fail "npm ci in tests/bench failed"
fi

step "Native import benchmark"
mkdir -p target
cargo bench --bench import -- --json > target/bench-native.json || fail "cargo bench --bench import failed"
cargo bench --bench import || fail "cargo bench --bench import failed"
if [ -f tests/bench/rank.rs ]; then
  step "Native ranking benchmark"
  cargo bench --bench rank || fail "cargo bench --bench rank failed"
fi
step "Native engine benchmark (the browser end-to-end's work, natively)"
cargo bench --bench engine -- --networks "${BENCH_ENGINE_NETWORKS:-100}" || fail "cargo bench --bench engine failed"

build_release
step "Building the benchmark build (feature bench) into target/bench-dist"
trunk build --release --offline --features bench --dist target/bench-dist || fail "benchmark build failed"

step "Browser benchmark"
node tests/bench/browser-bench.mjs target/bench-dist target/bench-native.json || fail "browser benchmark failed"
