#!/usr/bin/env bash
# `build --pdf` of the shipped guide by two practica binaries, OLD (one that
# starts a Chromium for every PDF) and NEW, run in turn (OLD NEW OLD NEW ...)
# so that a drift in the machine's speed falls on both; every run builds into
# a fresh folder and is timed from outside with /usr/bin/time. Three pairs:
#
#   same browser   both given --chrome chromium: like with like
#   as installed   OLD with chromium (the only kind it looks for), NEW with the
#                  browser it picks itself (chromium-headless-shell if installed)
#   shell          both given --chrome chromium-headless-shell
#
# For each pair it prints the NEW/OLD ratio of wall time, taken run pair by run
# pair: median (min-max). Then it checks that NEW's PDFs are what Chromium's
# own `--print-to-pdf` makes of the same page: the same bytes apart from the
# dates when printed with chromium, the same rendered pages with the shell.
#
#   bash benches/pdf.sh OLD NEW [RUNS]
#   bash benches/pdf.sh ./practica-before target/release/practica 3
#
# Needs chromium, python3 (statistics, and a static server for the check) and
# pdftoppm; the shell pair and check run when chromium-headless-shell is on PATH.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,20p' "$0" >&2
  exit 2
fi
old="$(realpath "$1")"
new="$(realpath "$2")"
runs="${3:-3}"
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

shell="$(command -v chromium-headless-shell || true)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "chromium: $(chromium --version 2>/dev/null | head -1)${shell:+; headless shell: $("$shell" --version 2>/dev/null | head -1)}"

# One timed build: binary, then its --chrome arguments; prints wall seconds.
timed() {
  local bin="$1"
  shift
  local out
  out="$(mktemp -d -p "$work")"
  if ! /usr/bin/time -f %e -o "$out/time" "$bin" build --root "$work/site" --output "$out/public" --pdf "$@" \
    >"$out/log" 2>&1; then
    echo "FAILED: $bin $* (log below)" >&2
    cat "$out/log" >&2
    exit 1
  fi
  cat "$out/time"
  rm -rf "$out"
}

# pair NAME "OLD ARGS" "NEW ARGS": a warm-up of each, then RUNS alternations.
pair() {
  local name="$1" old_args="$2" new_args="$3" o n ratios=()
  # shellcheck disable=SC2086
  timed "$old" $old_args >/dev/null
  # shellcheck disable=SC2086
  timed "$new" $new_args >/dev/null
  for ((i = 1; i <= runs; i++)); do
    # shellcheck disable=SC2086
    o="$(timed "$old" $old_args)"
    # shellcheck disable=SC2086
    n="$(timed "$new" $new_args)"
    echo "  $name run $i: OLD ${old_args:-(own pick)} ${o} s, NEW ${new_args:-(own pick)} ${n} s"
    ratios+=("$n/$o")
  done
  python3 - "$name" "${ratios[@]}" <<'EOF'
import statistics, sys
name, pairs = sys.argv[1], [p.split("/") for p in sys.argv[2:]]
r = [float(n) / float(o) for n, o in pairs]
olds, news = [float(o) for _, o in pairs], [float(n) for n, _ in pairs]
print(f"{name}: NEW/OLD wall {statistics.median(r):.3f} ({min(r):.3f}-{max(r):.3f}); "
      f"median OLD {statistics.median(olds):.1f} s, NEW {statistics.median(news):.1f} s")
EOF
}

pair "same browser" "--chrome chromium" "--chrome chromium"
pair "as installed" "--chrome chromium" ""
[[ -n "$shell" ]] && pair "shell" "--chrome $shell" "--chrome $shell"

# The check: one practice handout printed by NEW and by Chromium's CLI.
page="handouts/supervision/ongoing-supervision/"
"$new" build --root "$work/site" --output "$work/check" --pdf --chrome chromium >/dev/null 2>&1
port=$((20000 + RANDOM % 20000))
(cd "$work/check" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
sleep 1
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-pdf-header-footer \
  --generate-pdf-document-outline --print-to-pdf="$work/cli.pdf" "http://127.0.0.1:$port/$page?print-pdf" 2>/dev/null
undated() { grep -a -v -E '^/(CreationDate|ModDate)' "$1"; }
if cmp -s <(undated "$work/cli.pdf") <(undated "$work/check/$page/handout.pdf"); then
  echo "/$page""handout.pdf with chromium: the same bytes as chromium --print-to-pdf, apart from the dates"
else
  echo "/$page""handout.pdf with chromium DIFFERS from chromium --print-to-pdf (beyond the dates)"
  exit 1
fi
if [[ -n "$shell" ]]; then
  # The shell names itself differently in the PDF's Creator, which moves every
  # offset after it; what it prints is compared as rendered pages.
  "$new" build --root "$work/site" --output "$work/shell" --pdf --chrome "$shell" >/dev/null 2>&1
  pdftoppm -png -r 100 "$work/cli.pdf" "$work/cli"
  pdftoppm -png -r 100 "$work/shell/$page/handout.pdf" "$work/sh"
  same=1
  for p in "$work"/cli-*.png; do
    cmp -s "$p" "$work/sh-${p##*/cli-}" || same=0
  done
  if [[ "$same" == 1 && "$(ls "$work"/sh-*.png | wc -l)" == "$(ls "$work"/cli-*.png | wc -l)" ]]; then
    echo "/$page""handout.pdf with the headless shell: the same pages as chromium --print-to-pdf, pixel for pixel"
  else
    echo "/$page""handout.pdf with the headless shell DIFFERS from chromium --print-to-pdf when rendered"
    exit 1
  fi
fi
