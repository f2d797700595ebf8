#!/usr/bin/env bash
# Before/after of a change: two or more practica binaries build the same site
# in turn, run by run, each into a fresh output folder, and the medians of
# wall time, CPU time (user + system) and peak memory are printed per binary.
# With INSTRUCTIONS=1 it counts instructions instead (valgrind's callgrind,
# one run each): the same count every time, whatever else the machine does,
# so a change of 1% shows; allow about 10 s per 1,000 practices.
#
#   bash benches/ab.sh SITE RUNS OLD NEW [MORE...] [-- BUILD-ARGS...]
#   bash benches/ab.sh /tmp/practica-bench/1000/practica 9 ./practica-old target/release/practica -- --no-search
#
# SITE is a practica site (benches/gen_guide.rs writes one); put it and the
# output on a tmpfs (see benches/run.sh) or the disk's timing hides the
# difference. OUT (default: a folder beside SITE) is deleted before every run.
set -euo pipefail

if [[ $# -lt 4 ]]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
site="$1"
runs="$2"
shift 2
bins=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  bins+=("$1")
  shift
done
[[ "${1:-}" == "--" ]] && shift
args=("$@")
out="${OUT:-$(dirname "$site")/ab-out}"
times="$(mktemp)"
trap 'rm -f "$times"; rm -rf "$out"' EXIT

if [[ "${INSTRUCTIONS:-0}" == 1 ]]; then
  command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
  for b in "${bins[@]}"; do
    rm -rf "$out"
    log="$(mktemp)"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$b" build --root "$site" --output "$out" "${args[@]}" \
      >/dev/null 2>"$log"
    printf '%-40s %s instructions\n' "$b" "$(sed -n 's/.*Collected : *//p' "$log" | tr -d ' ')"
    rm -f "$log"
  done
  exit 0
fi

for ((i = 0; i < runs; i++)); do
  for b in "${bins[@]}"; do
    rm -rf "$out"
    /usr/bin/time -a -o "$times" -f "$b %e %U %S %M" "$b" build --root "$site" --output "$out" "${args[@]}" >/dev/null
  done
done
python3 - "$times" "${bins[@]}" <<'PY'
import statistics as st, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for b in sys.argv[2:]:
    mine = [r for r in rows if r[0] == b]
    wall = [float(r[1]) for r in mine]
    cpu = [float(r[2]) + float(r[3]) for r in mine]
    rss = [int(r[4]) / 1024 for r in mine]
    print(f"{b:40s} {len(mine)} runs: wall {st.median(wall):.3f} s (min {min(wall):.3f}), "
          f"cpu {st.median(cpu):.2f} s, peak RSS {st.median(rss):.0f} MB (max {max(rss):.0f})")
PY
