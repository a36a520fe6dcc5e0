#!/usr/bin/env bash
# Review page benchmark (issue 22): a generated plan of 100 problems (a
# checklist table, three measures, units and people each) → `zhenggai
# review --as-of`; best wall time of 5 runs and the page's size.
# Targets: under 1 s, under 2 MB.
#   tests/bench/review.sh                             (builds the release binary)
#   BIN=target/debug/zhenggai tests/bench/review.sh   (any built binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=$PWD/target/release/zhenggai
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plan=$work/plan100.md
units=(市环保局 市住建局 市水务局 市国土资源局 市农委 市林业局 市交通运输局 市经信委 市发改委 市城管执法局)
{
  echo "# 湘潭市环境保护督察反馈问题整改清单"
  echo
  echo "| 序号 | 反馈问题 | 整改目标 | 整改时限 | 责任单位 | 牵头领导 | 责任人员 | 整改措施 |"
  echo "|---|---|---|---|---|---|---|---|"
  for i in $(seq 1 100); do
    u=${units[$((i % 10))]}; o=${units[$(((i + 3) % 10))]}
    y=$((2018 + i % 3)); m=$((1 + i % 12))
    echo "| $i | 第${i}个问题：部分区域污水收集管网建设滞后，雨污分流不彻底，生活污水直排现象仍然存在，群众反映强烈。 | 全面完成管网改造，消除直排。 | ${y}年${m}月底前 | ${u}（牵头）、${o} | 陈忠红 | 赵志超（市委副秘书长） | 1、全面排查摸底，建立问题清单。<br>2、制定改造计划，${y}年${m}月底前完成。<br>3、加强督查督办，定期通报进展。 |"
  done
} > "$plan"
best=
for run in 1 2 3 4 5; do
  t0=$(date +%s%N)
  "$BIN" review "$plan" --as-of 2019-06-30 -o "$work/review.html"
  t1=$(date +%s%N)
  ms=$(((t1 - t0) / 1000000))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
problems=$(grep -c '<article class="card' "$work/review.html")
bytes=$(stat -c %s "$work/review.html")
echo "review: $problems problems, best of 5: $best ms, page $bytes bytes ($((bytes / 1024)) KiB)"
status=0
[ "$best" -lt 1000 ] || { echo "SLOW: over 1 s"; status=1; }
[ "$bytes" -lt $((2 * 1024 * 1024)) ] || { echo "LARGE: over 2 MB"; status=1; }
exit $status
