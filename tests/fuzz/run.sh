#!/usr/bin/env bash
# Fuzz every reader with cargo-fuzz (libFuzzer), each seeded with the
# project's own files of its format; not part of CI.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET…]
#
# Defaults: 1800 s (30 minutes) per target; targets read_pdf read_docx
# read_html read_text ledger extract; FUZZ_JOBS targets at a time (default:
# one per core, each fuzzer is one process). Needs `cargo install cargo-fuzz`
# and a nightly toolchain (`rustup toolchain install nightly`). Limits: 5 s
# per input (a hang), one allocation of 500 MB (a memory blow-up). Findings
# land in tests/fuzz/artifacts/TARGET/; each one becomes a regression test
# in tests/hostile.rs that feeds the input to the same reader and states
# what it must give (an error or a Doc, within the limits).
# A summary line per target (executions, coverage, findings of this run)
# goes to target/fuzz-last-run.txt; the full log to target/fuzz-TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-1800}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read_pdf read_docx read_html read_text ledger extract)
jobs=${FUZZ_JOBS:-$(nproc)}
work=target/fuzz-corpus
mkdir -p "$work"

# Seed a target's corpus with every fixture of its format (kept across
# runs, so a rerun goes on from what the last one reached).
seed() {
  local t=$1 dir=$work/$1
  mkdir -p "$dir"
  case $t in
    read_pdf)
      find fixtures -name '*.pdf' -exec cp {} "$dir"/ \;
      # The corpus PDFs are large and their streams compressed, so most
      # mutations land in deflate data: their first page, uncompressed
      # (qpdf, when installed), puts the operators and objects in reach.
      # Pages that are images stay out (megabytes of raw pixels).
      if command -v qpdf >/dev/null; then
        local f p1
        for f in fixtures/pdf/*.pdf; do
          p1=$dir/$(basename "$f" .pdf).p1.pdf
          for pw in "" secret; do
            qpdf --qdf --object-streams=disable --password="$pw" "$f" --pages . 1 -- "$p1" \
              2>/dev/null && break
          done
          if [ -f "$p1" ] && [ "$(stat -c %s "$p1")" -gt 1000000 ]; then rm "$p1"; fi
        done
      fi
      ;;
    read_docx) find fixtures -name '*.docx' -exec cp {} "$dir"/ \; ;;
    read_html) find fixtures -name '*.htm*' -exec cp {} "$dir"/ \; ;;
    read_text | extract) find fixtures -name '*.md' -o -name '*.txt' | xargs -I{} cp {} "$dir"/ ;;
    ledger)
      # Ledgers written from the seed plan, the first byte picking the
      # reader (0 xlsx, 1 csv, 3 jsonl; see fuzz_targets/ledger.rs);
      # written once (a release build), then kept with the corpus.
      [ -s "$dir/xlsx" ] && [ -s "$dir/csv" ] && [ -s "$dir/jsonl" ] && return
      local tmp
      tmp=$(mktemp -d)
      for f in xlsx csv jsonl; do
        cargo run --quiet --release -- extract fixtures/xiangtan-2018.md --format "$f" -o "$tmp/seed.$f"
      done
      { printf '\0'; cat "$tmp/seed.xlsx"; } >"$dir/xlsx"
      { printf '\1'; cat "$tmp/seed.csv"; } >"$dir/csv"
      { printf '\3'; cat "$tmp/seed.jsonl"; } >"$dir/jsonl"
      rm -r "$tmp"
      ;;
  esac
}

run_one() {
  local t=$1 log=target/fuzz-$1.log start
  start=$(mktemp)
  mkdir -p tests/fuzz/artifacts/"$t"
  # A memory blow-up is one allocation over 500 MB: the process's RSS
  # under AddressSanitizer (shadow memory, quarantine) says little about
  # what the reader uses natively, so its limit is looser.
  ASAN_OPTIONS=quarantine_size_mb=16:${ASAN_OPTIONS:-} \
    cargo +nightly fuzz run "$t" --fuzz-dir tests/fuzz "$work/$t" -- \
    -max_total_time="$secs" -timeout=5 -malloc_limit_mb=500 -rss_limit_mb=2048 -max_len=4000000 \
    -print_final_stats=1 >"$log" 2>&1 || true
  local execs cov ft found
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo '?')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo '?')
  found=$(find tests/fuzz/artifacts/"$t" -type f -newer "$start" | wc -l)
  rm -f "$start"
  echo "$t: ${secs}s, $execs executions, coverage $cov edges ($ft features), $found findings" >"target/fuzz-$t.summary"
  cat "target/fuzz-$t.summary"
}

# Build every target once, before the runs share the build directory.
cargo +nightly fuzz build --fuzz-dir tests/fuzz
for t in "${targets[@]}"; do seed "$t"; done
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
wait
for t in "${targets[@]}"; do cat "target/fuzz-$t.summary"; done >target/fuzz-last-run.txt
