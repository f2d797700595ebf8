#!/usr/bin/env python3
"""Turns the raw results of benches/run.sh into Markdown tables.

usage: report.py RESULTS_DIR SIZE...
"""

import json
import os
import statistics
import sys


def read(path, default=None):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def times(results_dir, name):
    """Per-tool wall times (s) of one alternating hyperfine run, warm-ups left out."""
    data = json.loads(read(os.path.join(results_dir, f"{name}.json")))
    out = {"practica": [], "hugo": []}
    for r in data["results"]:
        tool, _, run = r["command"].rpartition("-")
        if tool in out and run.isdigit():
            out[tool].extend(r["times"])
    return out


def fmt_s(s):
    return f"{s:.2f} s" if s >= 1 else f"{s * 1000:.0f} ms"


def main():
    results_dir, sizes = sys.argv[1], sys.argv[2:]
    rows = []
    for n in sizes:
        pages_p = int(read(os.path.join(results_dir, f"pages-practica-{n}"), "0"))
        pages_h = int(read(os.path.join(results_dir, f"pages-hugo-{n}"), "0"))
        for comp, p_label, h_label, p_rss, h_rss in [
            ("nosearch", "practica --no-search", "hugo", f"practica-nosearch-{n}", f"hugo-{n}"),
            ("search", "practica (search)", "hugo + pagefind", f"practica-search-{n}", f"hugo-pagefind-{n}"),
        ]:
            if not os.path.exists(os.path.join(results_dir, f"{comp}-{n}.json")):
                continue
            t = times(results_dir, f"{comp}-{n}")
            mp, mh = statistics.median(t["practica"]), statistics.median(t["hugo"])
            rp = int(read(os.path.join(results_dir, f"{p_rss}.rss"), "0"))
            rh = int(read(os.path.join(results_dir, f"{h_rss}.rss"), "0"))
            spread_p = f"{fmt_s(min(t['practica']))}–{fmt_s(max(t['practica']))}"
            spread_h = f"{fmt_s(min(t['hugo']))}–{fmt_s(max(t['hugo']))}"
            rows.append((int(n), p_label, pages_p, mp, spread_p, rp, f"**{mp / mh:.2f}×**", f"**{rp / rh:.2f}×**"))
            rows.append((int(n), h_label, pages_h, mh, spread_h, rh, "1", "1"))

    print("| practices | tool | HTML pages | median wall | (min–max) | pages/s | peak RSS | time vs peer | RSS vs peer |")
    print("|---:|---|---:|---:|---|---:|---:|---:|---:|")
    for n, tool, pages, med, spread, rss, rt, rr in rows:
        print(
            f"| {n:,} | {tool} | {pages:,} | {fmt_s(med)} | {spread} | {pages / med:,.0f} | {rss / 1024:,.0f} MB | {rt} | {rr} |"
        )

    offline = [n for n in sizes if read(os.path.join(results_dir, f"offline-index-{n}"))]
    if offline:
        print()
        print("| practices | offline search: index | runtime | together | index gzipped | Pagefind's bundle online (all languages, for comparison) |")
        print("|---:|---:|---:|---:|---:|---:|")
        for n in offline:
            index = int(read(os.path.join(results_dir, f"offline-index-{n}")))
            runtime = int(read(os.path.join(results_dir, f"offline-runtime-{n}")))
            gz = int(read(os.path.join(results_dir, f"offline-index-gz-{n}")))
            pf = int(read(os.path.join(results_dir, f"pagefind-bundle-{n}"), "0"))
            mb = lambda b: f"{b / 1e6:.2f} MB"
            print(f"| {int(n):,} | {mb(index)} | {runtime / 1e3:.1f} KB | **{mb(index + runtime)}** | {mb(gz)} | {mb(pf)} |")

    serve = []
    for name in [f"serve-{n}" for n in sizes] + ["serve-shipped"]:
        raw = read(os.path.join(results_dir, f"{name}.json"))
        if raw:
            serve.append(json.loads(raw))
    if serve:
        print()
        print("| serve (--no-search) | edits | write → reload, median | p90 | min–max | rebuild (server's own), median | initial build | server peak RSS |")
        print("|---|---:|---:|---:|---|---:|---:|---:|")
        for s in serve:
            print(
                f"| {s['label']} | {s['edits']} | {s['median_ms']:.0f} ms | {s['p90_ms']:.0f} ms | "
                f"{s['min_ms']:.0f}–{s['max_ms']:.0f} ms | {s['rebuild_median_ms']} ms | {s['initial_build_s']:.2f} s | {s['peak_rss_mb']} MB |"
            )


if __name__ == "__main__":
    main()
