#!/usr/bin/env bash
# Fuzz every reader with cargo-fuzz (libFuzzer), each seeded with the
# project's own files of its format; not part of CI.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET…]
#
# Defaults: 1800 s (30 minutes) per target; targets read_pdf read_docx
# read_html read_text ledger extract. Needs `cargo install cargo-fuzz` and
# a nightly toolchain (`rustup toolchain install nightly`). Limits: 5 s per
# input (a hang), 500 MB (a memory blow-up). Findings land in
# tests/fuzz/artifacts/TARGET/; each one becomes a regression test: copy it
# to tests/regressions/TARGET-NAME and tests/regressions.rs replays it.
# A summary line per target (executions, coverage, findings) goes to
# target/fuzz-last-run.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-1800}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read_pdf read_docx read_html read_text ledger extract)
work=target/fuzz-corpus
mkdir -p "$work"
seed() {
  local t=$1 dir=$work/$1
  mkdir -p "$dir"
  case $t in
    read_pdf) cp fixtures/pdf/*.pdf "$dir"/ ;;
    read_docx) cp fixtures/docx/*.docx "$dir"/ ;;
    read_html) cp fixtures/html/*.htm* "$dir"/ ;;
    read_text | extract) cp fixtures/xiangtan-2018.md fixtures/plans/*.md fixtures/plans/*.txt "$dir"/ 2>/dev/null || true ;;
    ledger)
      # Ledgers written from the seed plan, the first byte picking the
      # reader (0 xlsx, 1 csv).
      cargo run --quiet --release -- extract fixtures/xiangtan-2018.md --format xlsx -o "$dir/seed.xlsx"
      cargo run --quiet --release -- extract fixtures/xiangtan-2018.md --format csv -o "$dir/seed.csv"
      { printf '\0'; cat "$dir/seed.xlsx"; } > "$dir/xlsx" && rm "$dir/seed.xlsx"
      { printf '\1'; cat "$dir/seed.csv"; } > "$dir/csv" && rm "$dir/seed.csv"
      ;;
  esac
}
: > target/fuzz-last-run.txt
for t in "${targets[@]}"; do
  seed "$t"
  log=target/fuzz-$t.log
  cargo +nightly fuzz run "$t" --fuzz-dir tests/fuzz "$work/$t" -- \
    -max_total_time="$secs" -timeout=5 -rss_limit_mb=500 -max_len=4000000 \
    -print_final_stats=1 >"$log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo '?')
  found=$(ls tests/fuzz/artifacts/"$t" 2>/dev/null | wc -l)
  echo "$t: ${secs}s, $execs executions, coverage $cov edges, $found findings" | tee -a target/fuzz-last-run.txt
done
