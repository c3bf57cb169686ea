#!/usr/bin/env python3
"""The website's pages on the demo city: size and latency.

Starts the release (or given) binary on a fresh SQLite folder, fills it with `seed-demo`, then
for every page of a resident's journey fetches it 200 times in a row (after 20 warm-up requests)
and reports the HTML size, the size with everything the page loads (its stylesheet; the site
loads nothing else and nothing from another origin), and p50/p95 server latency as the client
sees it on 127.0.0.1.

Usage: bench/site_pages.py [--binary PATH] [--markdown]
"""
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BINARY = os.path.join(
    os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/wijkbudget-target")), "release", "wijkbudget"
)
REQUESTS = 200
WARM_UP = 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request) as response:
        return response.read()


def main():
    args = sys.argv[1:]
    binary = DEFAULT_BINARY
    if "--binary" in args:
        binary = args[args.index("--binary") + 1]
    markdown = "--markdown" in args
    data = tempfile.mkdtemp(prefix="wijkbudget-site-bench-")
    env = dict(os.environ, DATA_DIR=data, MAIL_URL=f"file://{data}/mail", LOG="error")
    env.pop("DATABASE_URL", None)
    subprocess.run([binary, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([binary, "serve"], env=dict(env, BIND=f"127.0.0.1:{port}"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                fetch(base + "/ready")
                break
            except OSError:
                time.sleep(0.1)
        editions = json.loads(fetch(base + "/api/v1/editions"))["items"]
        voting = next(e for e in editions if e["phase"] == "voting")
        decided = next(e for e in editions if e["phase"] == "decision")
        open_round = json.loads(fetch(f"{base}/api/v1/editions/{voting['id']}/rounds"))[0]["id"]
        closed_round = json.loads(fetch(f"{base}/api/v1/editions/{decided['id']}/rounds"))[0]["id"]
        proposal = json.loads(fetch(f"{base}/api/v1/editions/{voting['id']}/proposals"))["items"][0]["id"]
        carried_out = next(e for e in editions if e["phase"] == "implementation")
        funded_round = json.loads(fetch(f"{base}/api/v1/editions/{carried_out['id']}/rounds"))[0]["id"]
        funded = json.loads(fetch(f"{base}/api/v1/rounds/{funded_round}/results"))["selected"][0]
        area = json.loads(fetch(f"{base}/api/v1/areas"))["items"][0]["id"]
        pages = [
            ("home", "/"),
            ("edition", f"/editions/{voting['id']}"),
            ("proposals", f"/editions/{voting['id']}/proposals"),
            ("area", f"/areas/{area}"),
            ("proposal", f"/proposals/{proposal}"),
            ("proposal (carried out)", f"/proposals/{funded}"),
            ("round (ballot)", f"/rounds/{open_round}"),
            ("round (results)", f"/rounds/{closed_round}"),
            ("sign in", "/login"),
            ("register", "/register"),
        ]
        rows = []
        for name, path in pages:
            html = fetch(base + path, {"Accept-Language": "nl"})
            links = re.findall(rb'href="(/assets/[^"]+)"', html) + re.findall(rb'src="(/[^"]+)"', html)
            loaded = sum(len(fetch(base + link.decode().replace("&amp;", "&"))) for link in links)
            outside = re.findall(rb'(?:src|href)="(?:https?:)?//', html)
            for _ in range(WARM_UP):
                fetch(base + path)
            times = []
            for _ in range(REQUESTS):
                started = time.perf_counter()
                fetch(base + path)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            rows.append((name, path, len(html), len(html) + loaded, len(outside),
                         statistics.median(times), times[int(len(times) * 0.95) - 1]))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)
    if markdown:
        print("| page | HTML KB | with what it loads KB | other origins | p50 ms | p95 ms |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, path, html, total, outside, p50, p95 in rows:
            print(f"| {name} (`{path}`) | {html / 1024:.1f} | {total / 1024:.1f} | {outside} | {p50:.2f} | {p95:.2f} |")
    else:
        for name, path, html, total, outside, p50, p95 in rows:
            print(f"{name:18} {path:24} html {html / 1024:6.1f} KB  total {total / 1024:6.1f} KB  "
                  f"other origins {outside}  p50 {p50:6.2f} ms  p95 {p95:6.2f} ms")
    worst = max(rows, key=lambda r: r[6])
    heaviest = max(rows, key=lambda r: r[3])
    ok = worst[6] < 30 and heaviest[3] < 100 * 1024 and all(r[4] == 0 for r in rows)
    print(f"slowest p95 {worst[6]:.2f} ms ({worst[0]}); heaviest {heaviest[3] / 1024:.1f} KB ({heaviest[0]})"
          f" — {'within' if ok else 'OVER'} the aims (p95 < 30 ms, < 100 KB, no other origin)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
