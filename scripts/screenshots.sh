#!/usr/bin/env bash
# Screenshots of every page in Russian at 1400 px and 390 px wide, from the
# release build in dist/ (headless Chromium, served on loopback), into
# docs/screenshots/<page>-<width>.png. Each picture is the first screen and a
# bit more (1400×1100 and 390×1600 CSS px), not the whole page.
#
#   trunk build --release && scripts/screenshots.sh
#   PAGES="kpi forecast" scripts/screenshots.sh   # only these pages
#
# Needs chromium (scripts/setup.sh --browser) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "dist/index.html missing: run trunk build --release first" >&2; exit 1; }
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$CHROMIUM" ] || { echo "chromium not found: scripts/setup.sh --browser" >&2; exit 1; }
OUT=docs/screenshots
mkdir -p "$OUT"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory dist "$PORT" >/dev/null 2>&1 &
SERVER=$!
PROFILE=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$PROFILE"' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$PORT)).close()" 2>/dev/null && break; sleep 0.1; done

shot() { # page width height
  local file="$OUT/$1-$2.png"
  # A fresh profile per shot: no saved language (Russian is the default for --lang=ru) or forms.
  rm -rf "$PROFILE"/*
  LANGUAGE=ru LANG=ru_RU.UTF-8 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --lang=ru-RU --accept-lang=ru-RU,ru --user-data-dir="$PROFILE" --force-device-scale-factor=1 \
    --window-size="$2,$3" --virtual-time-budget=20000 --screenshot="$file" \
    "http://127.0.0.1:$PORT/#$1" >/dev/null 2>&1
  echo "$file"
}
for page in ${PAGES:-kpi import staffing compare capacity forecast budget operators practice}; do
  shot "$page" 1400 1100
  shot "$page" 390 1600
done
