#!/usr/bin/env bash
# `build --pdf` of the shipped guide, two practica binaries in turn
# (farm-bench alternates them run by run and gives the ratio NEW/OLD), each
# into a fresh folder. Then checks that NEW's PDFs are what Chromium's own
# `--print-to-pdf` makes of the same page, byte for byte apart from the dates.
#
#   bash benches/pdf.sh OLD NEW [RUNS]
#   bash benches/pdf.sh ./practica-before target/release/practica 5
#
# Needs farm-bench, chromium, and python3 (a static server for the comparison).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
old="$(realpath "$1")"
new="$(realpath "$2")"
runs="${3:-5}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"; [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null || true' EXIT

# The guide without themes/: each binary prints with its own built-in theme.
mkdir -p "$work/site"
cp -r "$repo/content" "$repo/guide.yaml" "$repo/guide.es.yaml" "$work/site/"
# Keys an older binary does not know (the cover's publisher and edition) are
# left out for both, so the two print the same guide.
sed -i -E '/^(publisher|edition):/d' "$work/site/guide.yaml" "$work/site/guide.es.yaml"
[[ -d "$repo/static" ]] && cp -r "$repo/static" "$work/site/"

run_of() { echo "d=\$(mktemp -d -p $work); exec $1 build --root $work/site --output \$d/public --pdf"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "chromium: $(chromium --version 2>/dev/null | head -1)"
farm-bench -n "$runs" --warmup 1 --timeout 3600 --vs "sh -c '$(run_of "$old")'" -- sh -c "$(run_of "$new")"

# Byte-comparable: one practice handout printed by the build and by Chromium's CLI.
"$new" build --root "$work/site" --output "$work/check" --pdf >/dev/null 2>&1
port=$((20000 + RANDOM % 20000))
(cd "$work/check" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
sleep 1
page="handouts/supervision/ongoing-supervision/"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-pdf-header-footer \
  --generate-pdf-document-outline --print-to-pdf="$work/cli.pdf" "http://127.0.0.1:$port/$page?print-pdf" 2>/dev/null
undated() { grep -a -v -E '^/(CreationDate|ModDate)' "$1"; }
if cmp -s <(undated "$work/cli.pdf") <(undated "$work/check/$page/handout.pdf"); then
  echo "/$page""handout.pdf: the same bytes as chromium --print-to-pdf, apart from the dates"
else
  echo "/$page""handout.pdf DIFFERS from chromium --print-to-pdf (beyond the dates)"
  exit 1
fi
