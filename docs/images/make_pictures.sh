#!/bin/sh
# The README's pictures: the charts of the reports `make demo` writes, screenshotted in headless
# Chromium (installed by `make browser-deps`). Run from the repository root after `make demo`:
#   sh docs/images/make_pictures.sh
set -eu
demo=.build/demo
out=docs/images
extract() {  # extract FILE.html N OUT.svg: the N-th inline SVG (from 1) of a report
  python3 - "$1" "$2" "$3" <<'PY'
import sys
text, n, target = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2]), sys.argv[3]
start = -1
for _ in range(n):
    start = text.index("<svg", start + 1)
open(target, "w", encoding="utf-8").write(text[start:text.index("</svg>", start) + 6])
PY
}
shot() {  # shot /ABSOLUTE/IN.svg OUT.png
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=740,380 \
    --screenshot="$PWD/$2" "file://$1" 2>/dev/null
}
tmp=$(mktemp -d)
extract "$demo/nyc_water_forecast.html" 1 "$tmp/forecast.svg"
extract "$demo/nyc_water/report.html" 1 "$tmp/scenario.svg"
shot "$tmp/forecast.svg" "$out/forecast-fan.png"
shot "$tmp/scenario.svg" "$out/scenario-comparison.png"
rm -r "$tmp"
echo "$out/forecast-fan.png $out/scenario-comparison.png"
