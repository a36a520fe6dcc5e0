#!/usr/bin/env bash
# OCR benchmark: seconds per page with one and two Tesseract processes
# (ZHENGGAI_OCR_JOBS=1, 2; each process single-threaded, Tesseract's own
# time included) and peak memory of the whole process tree (zhenggai and
# its tesseract children, sampled every 0.1 s) on the 41-page 200 dpi scan.
# Usage: tests/bench/ocr.sh [FILE.pdf]
#   default: ../shared/corpus/pdf/xiangtan-plan.scanned-full.pdf, else the
#   3-page fixture. BIN=path picks the binary (default: target/release if
#   built, else target/debug; OCR time is Tesseract's, not the build's).
# Needs tesseract-ocr tesseract-ocr-chi-sim (apt-get install -y …).
set -euo pipefail
cd "$(dirname "$0")/../.."
file="${1:-../shared/corpus/pdf/xiangtan-plan.scanned-full.pdf}"
[ -f "$file" ] || file=fixtures/pdf/xiangtan-plan.scanned-3p.pdf
bin="${BIN:-}"
if [ -z "$bin" ]; then
  if [ -x target/release/zhenggai ]; then bin=target/release/zhenggai; else
    cargo build --quiet; bin=target/debug/zhenggai; fi
fi
command -v tesseract >/dev/null || { echo "tesseract not found (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim)" >&2; exit 1; }

# Sum of RSS (KiB) of a process and its descendants.
tree_rss() {
  local pids="$1" all="$1" kids
  while [ -n "$pids" ]; do
    kids=$(for p in $pids; do pgrep -P "$p" || true; done | tr '\n' ' ')
    all="$all $kids"; pids="${kids% }"; pids="${pids# }"
  done
  { ps -o rss= -p "$(echo $all | tr ' ' ',')" 2>/dev/null || true; } | awk '{s+=$1} END {print s+0}'
}

# The last page number the --no-ocr refusal names ("pages 1–41 are images only").
pages=$("$bin" extract --no-ocr "$file" 2>&1 >/dev/null | sed -n 's/.*pages \(.*\) are images.*/\1/p' | grep -o '[0-9]\+' | tail -n 1 || true)
pages="${pages:-1}"
echo "file: $file ($pages pages), binary: $bin, $(nproc) cores"
for jobs in 1 2; do
  start=$(date +%s.%N)
  ZHENGGAI_OCR_JOBS=$jobs "$bin" extract "$file" > /dev/null 2>&1 &
  pid=$!
  peak=0
  while kill -0 "$pid" 2>/dev/null; do
    r=$(tree_rss "$pid"); [ "$r" -gt "$peak" ] && peak=$r
    sleep 0.1
  done
  wait "$pid" || true
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  printf 'jobs %d: %6.1f s wall, %5.2f s/page, %5.2f s/page/core, peak RSS %d MiB (process tree)\n' \
    "$jobs" "$secs" "$(echo "$secs / $pages" | bc -l)" "$(echo "$secs * $jobs / $pages" | bc -l)" "$((peak / 1024))"
done
