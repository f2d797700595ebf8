#!/usr/bin/env python3
"""Edit-to-reload latency of `practica serve`.

Starts `practica serve --root ROOT --port 0 --no-search`, listens on the
live-reload stream (GET /__practica/events, Server-Sent Events), then appends a
line to one content file EDITS times with a pause in between. For each edit it
measures the time from just before the write to the `event: reload` line
arriving on the stream, and reads the server's own "Rebuilt in N ms" line.

Prints one line of JSON: {"label", "edits", "median_ms", "p90_ms", "min_ms",
"max_ms", "rebuild_median_ms", "initial_build_s", "peak_rss_mb"}.
The edited file is restored at the end. Std library only.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import queue


def percentile(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--practica", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--file", required=True, help="content file to edit, relative to ROOT")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between a reload and the next edit")
    ap.add_argument("--label", default="")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()

    target = os.path.join(args.root, args.file)
    with open(target, "rb") as f:
        original = f.read()

    t_start = time.monotonic()
    proc = subprocess.Popen(
        [args.practica, "serve", "--root", args.root, "--port", "0", "--no-search"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        bufsize=1,
    )
    rebuilds = queue.Queue()
    serving = queue.Queue()

    def read_stdout():
        for line in proc.stdout:
            m = re.search(r"Serving (http://([^/\s]+)(/\S*))", line)
            if m:
                serving.put((m.group(2), m.group(3)))
            m = re.search(r"Rebuilt (?:\d+ of \d+ files )?in (\d+) ms", line)
            if m:
                rebuilds.put(int(m.group(1)))

    threading.Thread(target=read_stdout, daemon=True).start()
    try:
        addr, _base = serving.get(timeout=args.timeout)
        initial_build_s = time.monotonic() - t_start
        host, port = addr.rsplit(":", 1)
        sock = socket.create_connection((host, int(port)), timeout=args.timeout)
        sock.sendall(
            f"GET /__practica/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        events = queue.Queue()

        def read_events():
            buf = b""
            while True:
                try:
                    chunk = sock.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                now = time.monotonic()
                buf += chunk
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    line = line.strip()
                    if line.startswith(b"event:"):
                        events.put((line[6:].strip().decode(), now))

        threading.Thread(target=read_events, daemon=True).start()
        time.sleep(0.5)  # let the stream settle and the watcher start

        latencies, rebuild_ms = [], []
        for i in range(args.edits):
            t0 = time.monotonic()
            with open(target, "a", encoding="utf-8") as f:
                f.write(f"\nEdited {i + 1}.\n")
            while True:
                kind, t1 = events.get(timeout=args.timeout)
                if kind == "reload":
                    break
                if kind == "failed":
                    sys.exit(f"rebuild failed after edit {i + 1}")
            latencies.append((t1 - t0) * 1000.0)
            try:
                rebuild_ms.append(rebuilds.get(timeout=5))
            except queue.Empty:
                pass
            time.sleep(args.pause)

        peak_kb = 0
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak_kb = int(line.split()[1])
        except OSError:
            pass
        print(
            json.dumps(
                {
                    "label": args.label,
                    "edits": len(latencies),
                    "median_ms": round(statistics.median(latencies), 1),
                    "p90_ms": round(percentile(latencies, 0.9), 1),
                    "min_ms": round(min(latencies), 1),
                    "max_ms": round(max(latencies), 1),
                    "rebuild_median_ms": statistics.median(rebuild_ms) if rebuild_ms else None,
                    "initial_build_s": round(initial_build_s, 2),
                    "peak_rss_mb": round(peak_kb / 1024),
                }
            )
        )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        with open(target, "wb") as f:
            f.write(original)


if __name__ == "__main__":
    main()
