#!/usr/bin/env bash
# Build speed of practica against Hugo (and Hugo + the Pagefind CLI) on the same
# generated guide, and practica's edit-to-reload latency in `serve`.
#
# Hugo runs two sites of the same content: `hugo-minimal`, whose layouts print
# only a page's title and content (Hugo's fastest case: the fair peer, and the
# first row of every comparison), and `hugo`, whose layouts show what
# practica's pages show (navigation, related pages, topics, contents).
#
#   bash benches/run.sh              # 1,000 and 10,000 practices
#   bash benches/run.sh 1000         # one size
#
# Environment: RUNS (timed runs per tool, default 5), EDITS (serve edits, 20),
# SERVE_BROWSER=0 to leave out the preview's edit loop (it needs Chromium),
# BENCH_DIR (scratch folder, default /tmp/practica-bench), RESULTS_DIR (default
# /tmp/practica-bench-results), CARGO_TARGET_DIR,
# SKIP_SERVE=1 / SKIP_SEARCH=1 to leave parts out.
#
# Installs nothing. Needs: hugo and hyperfine (Debian packages), /usr/bin/time
# (Debian `time`), python3, node + npm (the Pagefind CLI comes from the npm
# package pinned in benches/package-lock.json, installed with `npm ci`).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(1000 10000)
runs="${RUNS:-5}"
edits="${EDITS:-20}"

missing=()
command -v hugo >/dev/null || missing+=("hugo (apt-get install hugo)")
command -v hyperfine >/dev/null || missing+=("hyperfine (apt-get install hyperfine)")
[[ -x /usr/bin/time ]] || missing+=("/usr/bin/time (apt-get install time)")
command -v python3 >/dev/null || missing+=("python3")
command -v cargo >/dev/null || missing+=("cargo")
if [[ -z "${SKIP_SEARCH:-}" ]]; then
  command -v npm >/dev/null || missing+=("npm (for the Pagefind CLI; or set SKIP_SEARCH=1)")
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  printf 'missing: %s\n' "${missing[@]}" >&2
  exit 1
fi

pagefind=""
if [[ -z "${SKIP_SEARCH:-}" ]]; then
  if [[ ! -x "$here/node_modules/.bin/pagefind" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
    echo "== npm ci (the pinned Pagefind CLI) in benches/"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  pagefind="$here/node_modules/.bin/pagefind"
fi

echo "== cargo build --release --locked (practica and the corpus generator)"
target="${CARGO_TARGET_DIR:-$repo/target}"
(cd "$repo" && cargo build --release --locked --quiet --bin practica --example gen_guide)
practica="$target/release/practica"
gen="$target/release/examples/gen_guide"

# Scratch space on a tmpfs: on this kind of machine's disk, creating many files
# soon after deleting many is slow and erratic, which hides engine differences.
work="${BENCH_DIR:-/tmp/practica-bench}"
mounted=""
mkdir -p "$work"
if [[ "$(stat -f -c %T "$work")" == "tmpfs" ]]; then
  where="tmpfs ($work)"
elif mount -t tmpfs -o size=8g tmpfs "$work" 2>/dev/null; then
  mounted="$work"
  where="tmpfs mounted at $work"
elif [[ -d /dev/shm && -w /dev/shm ]]; then
  work="/dev/shm/practica-bench"
  mkdir -p "$work"
  where="/dev/shm (could not mount a tmpfs)"
else
  work="$(mktemp -d)"
  where="$work — NOT a tmpfs (could not mount one, no /dev/shm): expect noisier figures"
fi
cleanup() {
  if [[ -n "$mounted" ]]; then umount "$mounted" 2>/dev/null || true; fi
}
trap cleanup EXIT
echo "== scratch: $where"
export HUGO_CACHEDIR="$work/hugo-cache"
# Results go outside the scratch space, which is unmounted at the end.
results="${RESULTS_DIR:-${TMPDIR:-/tmp}/practica-bench-results}"
rm -rf "$results"
mkdir -p "$results"

# One hyperfine invocation per comparison, the tools alternating run by run:
# a warm-up of each, then practica, hugo-minimal, hugo, practica, ... with a
# fresh (deleted and made again) output folder before every run, so no tool
# finds earlier pages there (Pagefind would index them too).
compare() { # name clean-cmd tool cmd [tool cmd ...]
  local name="$1" clean="$2"
  shift 2
  local tools=("$@")
  local args=(--style basic --runs 1 --prepare "$clean" --export-json "$results/$name.json")
  for ((t = 0; t < ${#tools[@]}; t += 2)); do
    args+=(-n "warmup-${tools[t]}" "${tools[t + 1]}")
  done
  for ((i = 1; i <= runs; i++)); do
    for ((t = 0; t < ${#tools[@]}; t += 2)); do
      args+=(-n "${tools[t]}-$i" "${tools[t + 1]}")
    done
  done
  hyperfine "${args[@]}" >"$results/$name.log" 2>&1 || { cat "$results/$name.log"; exit 1; }
}

# Edit → new text visible in headless Chromium (tests/browser/serve-latency.mjs).
serve_latency() { # name label root file
  local name="$1" label="$2" root="$3" file="$4"
  if [[ "${SERVE_BROWSER:-1}" == 0 ]] || ! command -v chromium >/dev/null; then
    echo "== serve, $label: skipped (it needs Chromium; SERVE_BROWSER=0 turns it off)"
    return
  fi
  echo "== serve, $label: $edits edits, write → new text visible in Chromium"
  if [[ ! -d "$repo/tests/browser/node_modules/playwright-core" ]]; then
    (cd "$repo/tests/browser" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
  node "$repo/tests/browser/serve-latency.mjs" --practica "$practica" --root "$root" --file "$file" \
    --edits "$edits" --label "$label (browser: write → text visible)" --timeout 300 >"$results/$name.json"
}

peak_rss() { # name cmd — max RSS (kB) of the command and every process it waited for
  local name="$1" cmd="$2"
  /usr/bin/time -v -o "$results/$name.time" bash -c "$cmd" >/dev/null 2>&1
  awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$results/$name.time" >"$results/$name.rss"
}

for n in "${sizes[@]}"; do
  echo "== $n practices: generating"
  "$gen" "$n" "$work/$n"
  src_p="$work/$n/practica" src_h="$work/$n/hugo" src_m="$work/$n/hugo-minimal"
  out_p="$work/out-$n/practica" out_h="$work/out-$n/hugo" out_m="$work/out-$n/hugo-minimal"
  clean="rm -rf $work/out-$n && mkdir -p $work/out-$n"
  p_nosearch="$practica build --root $src_p --output $out_p --no-search"
  p_search="$practica build --root $src_p --output $out_p"
  p_shards="$p_search --search-shards 3"
  h_build="hugo --quiet --source $src_h --destination $out_h"
  h_search="$h_build && $pagefind --site $out_h"
  m_build="hugo --quiet --source $src_m --destination $out_m"
  m_search="$m_build && $pagefind --site $out_m"

  # Page counts (HTML files each tool writes) and peak memory, one run each.
  bash -c "$clean"
  peak_rss "practica-nosearch-$n" "$p_nosearch"
  find "$out_p" -name '*.html' | wc -l >"$results/pages-practica-$n"
  bash -c "$clean"
  peak_rss "hugo-$n" "$h_build"
  find "$out_h" -name '*.html' | wc -l >"$results/pages-hugo-$n"
  bash -c "$clean"
  peak_rss "hugo-minimal-$n" "$m_build"
  find "$out_m" -name '*.html' | wc -l >"$results/pages-hugo-minimal-$n"

  echo "== $n practices: practica --no-search vs hugo-minimal vs hugo ($runs runs each, alternating)"
  compare "nosearch-$n" "$clean" practica "$p_nosearch" hugo-minimal "$m_build" hugo "$h_build"
  if [[ -z "${SKIP_SEARCH:-}" ]]; then
    bash -c "$clean"
    peak_rss "practica-search-$n" "$p_search"
    bash -c "$clean"
    peak_rss "practica-shards-$n" "$p_shards"
    bash -c "$clean"
    peak_rss "hugo-pagefind-$n" "$h_search"
    bash -c "$clean"
    peak_rss "hugo-minimal-pagefind-$n" "$m_search"
    echo "== $n practices: practica (with search) vs hugo-minimal + pagefind vs hugo + pagefind"
    compare "search-$n" "$clean" practica "$p_search" shards "$p_shards" hugo-minimal "$m_search" hugo "$h_search"
    # What sharding costs: the same queries on both builds' search pages.
    if command -v chromium >/dev/null; then
      echo "== $n practices: search results, one index vs 3 shards (benches/shard-queries.txt)"
      bash -c "$clean"
      $p_search >/dev/null && mv "$out_p" "$work/out-$n/one"
      $p_shards >/dev/null
      node "$repo/tests/browser/shards.mjs" --one "$work/out-$n/one" --sharded "$out_p" --base / \
        --queries "$here/shard-queries.txt" >"$results/ranking-$n.log" 2>&1 || true
      grep -E "order the same|passed" "$results/ranking-$n.log"
    fi
  fi
  echo "== $n practices: the offline edition's search, in bytes"
  bash -c "$clean"
  "$practica" build --root "$src_p" --output "$work/out-$n/offline" --offline >/dev/null
  stat -c %s "$work/out-$n/offline/search/offline-index.js" >"$results/offline-index-$n"
  stat -c %s "$work/out-$n/offline/js/search-offline.js" >"$results/offline-runtime-$n"
  gzip -9c "$work/out-$n/offline/search/offline-index.js" | wc -c >"$results/offline-index-gz-$n"
  "$practica" build --root "$src_p" --output "$work/out-$n/online" >/dev/null
  du -sb "$work/out-$n/online/pagefind" | cut -f1 >"$results/pagefind-bundle-$n"
  rm -rf "$work/out-$n"

  if [[ -z "${SKIP_SERVE:-}" ]]; then
    practices=("$src_p"/content/practices/*/p*.md)
    file="${practices[0]#"$src_p"/}"
    serve_latency "serve-$n" "generated, $n practices" "$src_p" "$file"
  fi
done

if [[ -z "${SKIP_SERVE:-}" ]]; then
  echo "== the shipped guide: serve, $edits edits"
  shipped="$work/shipped"
  rm -rf "$shipped"
  mkdir -p "$shipped"
  for p in guide.yaml content static templates themes; do
    [[ -e "$repo/$p" ]] && cp -r "$repo/$p" "$shipped/"
  done
  serve_latency "serve-shipped" "shipped guide" "$shipped" content/practices/supervision/ongoing-supervision.md
fi

echo
python3 "$here/report.py" "$results" "${sizes[@]}" | tee "$results/report.md"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo); $(date -u +%Y-%m-%d); load average before/after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The kernel's huge-page mode changes every tool's memory and kernel time
# (practica turns them off for itself; see src/main.rs).
thp="$(grep -o '\[[a-z+]*\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null | tr -d '[]')"
echo "Transparent huge pages: ${thp:-unknown}"
echo "hugo: $(hugo version | cut -d' ' -f2); hyperfine $(hyperfine --version | cut -d' ' -f2); pagefind CLI $(cd "$here" && node -p 'require("./package.json").devDependencies.pagefind' 2>/dev/null || echo -)"
echo "Scratch: $where. Raw results: $results"
