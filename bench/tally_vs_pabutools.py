#!/usr/bin/env python3
"""Side-by-side run of `wijkbudget tally` and pabutools (via ../shared/tools/pbref.py).

For every (file, rule) it runs both on the same file in the same session, checks that the
outcomes agree (pabutools tie-break, Add1 stopping at the first exhaustive outcome, cost
utilities: the conventions pabutools uses), and reports time and peak memory of each.

Usage:
  bench/tally_vs_pabutools.py [--binary PATH] [--timeout SECONDS] [--rules greedy,equalshares,...]
                              [--all | FILE.pb ...] [--markdown]

Without files it runs the benchmark set (the three Equal Shares elections, Warszawa 2026 and a
few others). --all runs every shared file with every given rule (slow: pabutools needs hours).
Where pabutools needs less than 5 s, both sides run 5 times in turn and the run with the median
time is reported. Times are the programs' own (reading the file plus computing the outcome,
without interpreter or process start-up); memory is each process's peak resident size.
Exits 1 when an outcome disagrees; pabutools runs that exceed the timeout are reported, not
compared.
"""
import json
import os
import subprocess
import statistics
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PABULIB = os.environ.get("PABULIB_DIR", os.path.join(HERE, "..", "..", "shared", "pabulib"))
PBREF = os.path.join(os.path.dirname(os.path.abspath(PABULIB)), "tools", "pbref.py")
DEFAULT_BINARY = os.path.join(
    os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/wijkbudget-target")), "release", "wijkbudget"
)
BENCHMARK_SET = [
    ("Netherlands_Assen_2024.pb", ["greedy", "equalshares", "equalshares/add1", "phragmen"]),
    ("Poland_Swiecie_2023.pb", ["greedy", "equalshares", "equalshares/add1", "phragmen"]),
    ("Poland_Wieliczka_2023_Green_Budget.pb", ["greedy", "equalshares", "equalshares/add1", "phragmen"]),
    ("France_Toulouse_2019.pb", ["greedy", "equalshares"]),
    ("Poland_Krakow_2018_Bronowice.pb", ["greedy", "equalshares"]),
    ("Poland_Warszawa_2025_Bialoleka.pb", ["greedy", "equalshares", "equalshares/add1"]),
    ("Poland_Warszawa_2026.pb", ["greedy", "equalshares", "equalshares/add1", "phragmen"]),
]


def run_measured(command, timeout):
    """Runs a command; returns (stdout, wall seconds, peak RSS MiB of that process) or None on
    timeout. os.wait4 reports the resource use of exactly this child."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    try:
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
        process.stdout.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode < 0:
        return None
    wall = time.perf_counter() - started
    return output, wall, usage.ru_maxrss / 1024


def ours(binary, path, rule):
    result = run_measured(
        [binary, "tally", path, "--rule", rule, "--tie-break", "pabutools",
         "--add1-stop", "first-exhaustive", "--utility", "cost", "--format", "json"],
        timeout=600,
    )
    if result is None:
        return None
    output, wall, peak = result
    line = json.loads(output.splitlines()[0])
    return {"selected": sorted(line["selected"]), "seconds": line["seconds"],
            "read_seconds": line.get("read_seconds", 0.0), "wall": wall, "peak": peak,
            "voters": line.get("voters")}


def reference(path, rule, timeout):
    result = run_measured([sys.executable, PBREF, path, "--rule", rule], timeout)
    if result is None:
        return None
    output, wall, peak = result
    line = json.loads(output.strip().splitlines()[-1])
    return {"selected": sorted(line["selected"]), "seconds": line["seconds"],
            "read_seconds": line["parse_seconds"], "peak": peak, "wall": wall}


QUICK_SECONDS = 5
REPEATS = 5


def repeated(binary, path, rule, timeout, mine, theirs):
    """Runs both sides REPEATS times in turn (the first runs included) and keeps, for each, the
    run with the median total time: single runs of a few milliseconds are too noisy to compare."""
    runs_mine, runs_theirs = [mine], [theirs]
    for _ in range(REPEATS - 1):
        runs_mine.append(ours(binary, path, rule))
        runs_theirs.append(reference(path, rule, timeout))
    def median_run(runs):
        runs = [r for r in runs if r is not None]
        total = statistics.median_low([r["seconds"] + r["read_seconds"] for r in runs])
        return next(r for r in runs if r["seconds"] + r["read_seconds"] == total)
    return median_run(runs_mine), median_run(runs_theirs)


def main():
    args = sys.argv[1:]
    binary = args[args.index("--binary") + 1] if "--binary" in args else DEFAULT_BINARY
    timeout = float(args[args.index("--timeout") + 1]) if "--timeout" in args else 900
    rules = args[args.index("--rules") + 1].split(",") if "--rules" in args else None
    markdown = "--markdown" in args
    files = [a for a in args if a.endswith(".pb")]
    if "--all" in args:
        todo = [(f, rules or ["greedy", "equalshares", "equalshares/add1", "phragmen"])
                for f in sorted(os.listdir(PABULIB)) if f.endswith(".pb")]
    elif files:
        todo = [(os.path.basename(f), rules or ["greedy", "equalshares", "equalshares/add1", "phragmen"]) for f in files]
    else:
        todo = [(f, [r for r in rs if not rules or r in rules]) for f, rs in BENCHMARK_SET]
    if not os.path.exists(binary):
        sys.exit(f"no binary at {binary}: run `cargo build --release` first")
    header = "| instance | rule | pabutools (s) | wijkbudget (s) | speed-up | wijkbudget MiB | pabutools MiB | agree |"
    print(header if markdown else "instance rule pabutools_s wijkbudget_s speedup wijkbudget_mib pabutools_mib agree")
    if markdown:
        print("|---|---|---:|---:|---:|---:|---:|---|")
    disagreements = 0
    for name, file_rules in todo:
        path = os.path.join(PABULIB, name)
        for rule in file_rules:
            mine = ours(binary, path, rule)
            theirs = reference(path, rule, timeout)
            if mine is None:
                print(f"{name} {rule}: wijkbudget did not finish")
                disagreements += 1
                continue
            if theirs is not None and theirs["seconds"] + theirs["read_seconds"] < QUICK_SECONDS:
                mine, theirs = repeated(binary, path, rule, timeout, mine, theirs)
            ours_total = mine["seconds"] + mine["read_seconds"]
            memory = f"{mine['peak']:.0f} | {theirs['peak']:.0f}" if theirs else f"{mine['peak']:.0f} | "
            if theirs is None:
                agree, theirs_text, ratio = "pabutools did not finish", f"> {timeout:.0f}", f"> {timeout / ours_total:.0f}×"
            else:
                theirs_total = theirs["seconds"] + theirs["read_seconds"]
                same = theirs["selected"] == mine["selected"]
                disagreements += 0 if same else 1
                agree = "yes" if same else f"NO: pabutools {theirs['selected']} ours {mine['selected']}"
                theirs_text = f"{theirs_total:.3f}"
                ratio = f"{theirs_total / ours_total:.0f}×"
            short = name.removesuffix(".pb")
            if markdown:
                print(f"| {short} | {rule} | {theirs_text} | {ours_total:.4f} | {ratio} | {memory} | {agree} |")
            else:
                print(f"{short} {rule} {theirs_text} {ours_total:.4f} {ratio} {memory.replace(' | ', ' ')} {agree}")
            sys.stdout.flush()
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
