#!/bin/sh
# Render an HTML page (e.g. a `trainsat plot` report) or an SVG to a PNG with headless
# chromium, to check that it displays in a browser.
#
#   scripts/screenshot.sh report.html [out.png] [WIDTHxHEIGHT]
#
# Defaults: out = the input with .png, window 1200x1600. Needs chromium
# (Debian: apt-get install -y chromium). The flags keep it offline and stateless:
# a throw-away profile, no background networking, no component updates, no sync.
set -eu
if [ $# -lt 1 ]; then
  echo "usage: $0 PAGE.html|FIGURE.svg [OUT.png] [WIDTHxHEIGHT]" >&2
  exit 2
fi
page=$1
out=${2:-${page%.*}.png}
size=${3:-1200x1600}
[ -f "$page" ] || { echo "$0: no such file: $page" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "$0: chromium not found (apt-get install -y chromium)" >&2; exit 2; }
abs=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --hide-scrollbars --screenshot="$out" --window-size="$(echo "$size" | tr x ,)" \
  "file://$abs" >/dev/null 2>&1
[ -s "$out" ] || { echo "$0: no screenshot written" >&2; exit 1; }
echo "$out"
