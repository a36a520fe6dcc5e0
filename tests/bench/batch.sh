#!/usr/bin/env bash
# Whole-batch benchmark: 1,000 copies of the seed Markdown (and 100 of the
# LibreOffice PDF when its fixture is present), --jobs 1 and --jobs 2,
# wall time and peak RSS from /usr/bin/time.
#   tests/bench/batch.sh            (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
bin=$PWD/target/release/zhenggai
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/md" "$work/pdf"
for i in $(seq 1 1000); do cp fixtures/xiangtan-2018.md "$work/md/plan$i.md"; done
pdf=fixtures/pdf/xiangtan-plan.libreoffice.pdf
if [ -f "$pdf" ]; then for i in $(seq 1 100); do cp "$pdf" "$work/pdf/plan$i.pdf"; done; fi
run() { # name dir jobs
  rm -rf "$work/out"
  /usr/bin/time -f "%e s wall, %M KB peak RSS" "$bin" batch "$2" --out "$work/out" --jobs "$3" --quiet --force 2> "$work/time" || true
  n=$(ls "$2" | wc -l)
  t=$(tail -n 1 "$work/time")
  secs=${t%% s*}
  echo "$1 --jobs $3: $n files, $t, $(python3 -c "print(f'{$n/max($secs,1e-9):.0f}')") files/s"
}
run markdown "$work/md" 1
run markdown "$work/md" 2
if [ -f "$pdf" ]; then
  run pdf "$work/pdf" 1
  run pdf "$work/pdf" 2
fi
