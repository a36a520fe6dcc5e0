#!/usr/bin/env bash
# Side-by-side: `zhenggai extract` vs poppler's `pdftotext` on the same PDF.
# Usage: tests/bench/pdf.sh [FILE.pdf]   (default: the LibreOffice corpus file)
# Needs a release build (built here) and pdftotext (apt-get install -y poppler-utils).
# Uses hyperfine when installed, else a loop of /usr/bin/time; reports peak
# memory (max RSS) of one run of each with /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")/../.."
file="${1:-fixtures/pdf/xiangtan-plan.libreoffice.pdf}"
runs="${RUNS:-10}"
CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" cargo build --release --quiet
bin=target/release/zhenggai
command -v pdftotext >/dev/null || { echo "pdftotext not found (apt-get install -y poppler-utils)" >&2; exit 1; }

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" \
    "$bin extract $file > /dev/null" \
    "pdftotext $file /dev/null" \
    "pdftotext -layout $file /dev/null"
else
  for cmd in "$bin extract $file" "pdftotext $file -" "pdftotext -layout $file -"; do
    start=$(date +%s.%N)
    for _ in $(seq "$runs"); do $cmd > /dev/null 2>&1; done
    end=$(date +%s.%N)
    printf '%-60s %8.1f ms/run (%d runs)\n' "$cmd" "$(echo "($end - $start) * 1000 / $runs" | bc -l)" "$runs"
  done
fi

for cmd in "$bin extract $file" "pdftotext $file -"; do
  /usr/bin/time -v $cmd > /dev/null 2> /tmp/pdf-bench-time.txt || true
  rss=$(grep 'Maximum resident set size' /tmp/pdf-bench-time.txt | awk '{print $NF}')
  wall=$(grep 'Elapsed (wall clock)' /tmp/pdf-bench-time.txt | awk '{print $NF}')
  printf '%-60s peak RSS %6d KB, wall %s\n' "$cmd" "$rss" "$wall"
done
