#!/usr/bin/env bash
# Fuzz the whole import of a file and of a LinkedIn ZIP with cargo-fuzz
# (libFuzzer, nightly). Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 60).
# The fixtures seed the corpus; crashes land in fuzz/artifacts/ and the
# script fails. scripts/test.sh runs a short pass of this.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_PER_TARGET="${1:-60}"
setup_fuzz

step "Building the fuzz targets"
cargo +nightly fuzz build || fail "the fuzz targets did not build"

for target in import_file import_zip; do
  step "Fuzzing $target for ${SECONDS_PER_TARGET}s"
  mkdir -p "fuzz/corpus/$target"
  if [ "$target" = import_zip ]; then seeds=(tests/fixtures/zip tests/fixtures/connections); else
    seeds=(tests/fixtures/connections tests/fixtures/nps tests/fixtures/accounts tests/fixtures/leads); fi
  set +e +o pipefail
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "${seeds[@]}" -- \
      -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 \
    | tee "${FUZZ_LOG:-/dev/null}" | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|Done )"
  status=${PIPESTATUS[0]}
  set -e -o pipefail
  [ "$status" = 0 ] || fail "fuzzing $target found a crash (see fuzz/artifacts/$target; add it to tests/fixtures/regressions/)"
done
step "Fuzzing found no crash"
