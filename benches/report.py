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
    out = {}
    for r in data["results"]:
        tool, _, run = r["command"].rpartition("-")
        if not tool.startswith("warmup") and run.isdigit():
            out.setdefault(tool, []).extend(r["times"])
    return out


def fmt_s(s):
    return f"{s:.2f} s" if s >= 1 else f"{s * 1000:.0f} ms"


# Per comparison: (tool in hyperfine, label, peak-RSS file, page-count file).
COMPARISONS = {
    "nosearch": [
        ("practica", "practica --no-search", "practica-nosearch-{n}", "pages-practica-{n}"),
        ("hugo-minimal", "hugo, minimal layouts", "hugo-minimal-{n}", "pages-hugo-minimal-{n}"),
        ("hugo", "hugo, layouts like practica's pages", "hugo-{n}", "pages-hugo-{n}"),
    ],
    "search": [
        ("practica", "practica (search)", "practica-search-{n}", "pages-practica-{n}"),
        ("shards", "practica --search-shards 3", "practica-shards-{n}", "pages-practica-{n}"),
        ("hugo-minimal", "hugo, minimal layouts + pagefind", "hugo-minimal-pagefind-{n}", "pages-hugo-minimal-{n}"),
        ("hugo", "hugo, layouts like practica's + pagefind", "hugo-pagefind-{n}", "pages-hugo-{n}"),
    ],
}


def main():
    results_dir, sizes = sys.argv[1], sys.argv[2:]
    rows = []
    for n in sizes:
        for comp, tools in COMPARISONS.items():
            if not os.path.exists(os.path.join(results_dir, f"{comp}-{n}.json")):
                continue
            t = times(results_dir, f"{comp}-{n}")
            measured = {}
            for tool, label, rss_file, pages_file in tools:
                if tool in t:
                    rss = int(read(os.path.join(results_dir, rss_file.format(n=n) + ".rss"), "0"))
                    measured[tool] = (label, statistics.median(t[tool]), rss)
            mp, rp = measured["practica"][1:]
            for tool, label, rss_file, pages_file in tools:
                if tool not in t:
                    continue
                _, med, rss = measured[tool]
                pages = int(read(os.path.join(results_dir, pages_file.format(n=n)), "0"))
                spread = f"{fmt_s(min(t[tool]))}–{fmt_s(max(t[tool]))}"
                if tool == "practica":
                    rt = rr = ""
                elif tool == "shards" and "hugo-minimal" in measured:
                    # The sharded build against the fair peer, in its own row's cells.
                    peer, pm, pr = measured["hugo-minimal"]
                    rt = f"**{med / pm:.2f}×** ({peer})"
                    rr = f"**{rss / pr:.2f}×**" if pr else ""
                else:
                    rt = f"**{mp / med:.2f}×**"
                    rr = f"**{rp / rss:.2f}×**" if rss else ""
                rows.append((int(n), label, pages, med, spread, rss, rt, rr))

    print("| practices | tool | HTML pages | median wall | (min–max) | pages/s | peak RSS | practica's time ÷ this | practica's peak RSS ÷ this |")
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
        print("| serve (--no-search) | edits | median | p90 | min–max | rebuild (server's own), median | kept at the bottom after reload | initial build | server peak RSS |")
        print("|---|---:|---:|---:|---|---:|---:|---:|---:|")
        for s in serve:
            kept = f"{s['scroll_kept']} of {s['edits']}" if "scroll_kept" in s else "–"
            print(
                f"| {s['label']} | {s['edits']} | {s['median_ms']:.0f} ms | {s['p90_ms']:.0f} ms | "
                f"{s['min_ms']:.0f}–{s['max_ms']:.0f} ms | {s['rebuild_median_ms']} ms | {kept} | {s['initial_build_s']:.2f} s | {s['peak_rss_mb']} MB |"
            )


if __name__ == "__main__":
    main()
