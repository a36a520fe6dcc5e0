#!/usr/bin/env bash
# Print an HTML plan to PDF with Chromium, every text set in Noto Sans CJK
# SC, as a Chromium/Skia PDF of a page in Noto CJK comes out: each CJK
# glyph in a Type 3 font, and glyphs the font shares between two
# characters (户 and 戶, — and ―) mapped to one of them in ToUnicode and
# wrapped in a /Span with the right /ActualText.
#
#   scripts/make-noto-pdf.sh IN.html OUT.pdf
#
# Needs Debian's chromium and fonts-noto-cjk. Made
# fixtures/pdf/xiangtan-plan.chromium-noto.pdf from fixtures/html/xiangtan-plan.html.
set -euo pipefail
in=$1 out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's#</head>#<style>*{font-family:"Noto Sans CJK SC" !important}</style></head>#' "$in" >"$tmp/page.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$(realpath -m "$out")" "file://$tmp/page.html" 2>/dev/null
