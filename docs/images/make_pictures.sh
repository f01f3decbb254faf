#!/bin/sh
# The README's pictures: the charts of the reports `make demo` writes, screenshotted in headless
# Chromium (installed by `make browser-deps`). Run from the repository root after `make demo`:
#   sh docs/images/make_pictures.sh
set -eu
demo=.build/demo
out=docs/images
extract() {  # extract FILE.html N|ID OUT.svg: the N-th inline SVG (from 1) of a report, or the one with that id
  python3 - "$1" "$2" "$3" <<'PY'
import sys
text, which, target = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], sys.argv[3]
if which.isdigit():
    start = -1
    for _ in range(int(which)):
        start = text.index("<svg", start + 1)
else:
    start = text.index('<svg xmlns="http://www.w3.org/2000/svg" id="%s"' % which)
open(target, "w", encoding="utf-8").write(text[start:text.index("</svg>", start) + 6])
PY
}
shot() {  # shot /ABSOLUTE/IN.svg OUT.png [WIDTH,HEIGHT]
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="${3:-740,380}" \
    --screenshot="$PWD/$2" "file://$1" 2>/dev/null
}
tmp=$(mktemp -d)
extract "$demo/nyc_water_forecast.html" 1 "$tmp/forecast.svg"
extract "$demo/nyc_water/report.html" 1 "$tmp/scenario.svg"
extract "$demo/beijing_air.html" calendar-beijing-pm2-5-china-hj633-2012-2014 "$tmp/calendar.svg"
shot "$tmp/forecast.svg" "$out/forecast-fan.png"
shot "$tmp/scenario.svg" "$out/scenario-comparison.png"
shot "$tmp/calendar.svg" "$out/calendar-plot.png" 740,650
rm -r "$tmp"
echo "$out/forecast-fan.png $out/scenario-comparison.png $out/calendar-plot.png"
