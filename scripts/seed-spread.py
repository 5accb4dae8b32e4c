#!/usr/bin/env python3
"""Checks that a change to the random draws moves the library's figures only within their seed-to-seed spread.

For every library scenario (scenarios/*.json but schema.json), runs the BEFORE binary over several seeds (the
scenario's own seed, then 1001, 1002, ...) and the AFTER binary at the scenario's own seed, and checks that each
key figure of the AFTER run lies within the BEFORE seeds' [min, max] or within mean +- 3 standard deviations.
A change that only reorders or replaces draws (say, a different exponential sampler) makes the AFTER run one more
sample of the same distribution: its figures belong inside that spread.

Figures: the write throttled fraction, read throttles (GetRecords/SubscribeToShard throttles, all consumers), the
largest iterator age of any consumer, the largest put latency p99 of any producer, and the monthly cost. Every
scenario is run with `shardsim run` (also those whose committed report is a plan or a comparison).

  scripts/seed-spread.py --before /tmp/old/shardsim --after .build/release/shardsim [--seeds 8] [--cache F]

--cache keeps the BEFORE runs' figures in a JSON file, so a second AFTER binary is checked without rerunning them.
Prints one table row per scenario and figure; exits 1 when a figure lies outside both bounds.
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile

FIGURES = ["writeThrottledFraction", "readThrottles", "maxIteratorAgeMs", "putLatencyP99Ms", "monthlyCost"]


def figures(binary, scenario, seed):
    """The key figures of one `shardsim run` (seed None: the scenario's own)."""
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, "report.json")
        command = [binary, "run", scenario, "--format", "json", "--out", out, "--allow-large"]
        if seed is not None:
            command += ["--seed", str(seed)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        with open(out) as file:
            report = json.load(file)
    consumers = report.get("consumers", [])
    producers = report.get("producers", [])
    return {
        "writeThrottledFraction": report["totals"]["writeThrottledFraction"],
        "readThrottles": report["totals"].get("readProvisionedThroughputExceeded", 0),
        "maxIteratorAgeMs": max((c.get("maxIteratorAgeMs", 0) for c in consumers), default=0),
        "putLatencyP99Ms": max((p["putLatencyMs"]["p99"] for p in producers), default=0),
        "monthlyCost": report["cost"]["monthlyTotal"],
    }


def scenario_seed(scenario):
    with open(scenario) as file:
        return json.load(file).get("seed", 0)


def before_figures(binary, scenarios, seeds, cache_path):
    cache = {}
    if cache_path and os.path.exists(cache_path):
        with open(cache_path) as file:
            cache = json.load(file)
    for scenario in scenarios:
        name = os.path.basename(scenario)[:-5]
        runs = cache.get(name, [])
        seed_list = [scenario_seed(scenario)] + [1000 + i for i in range(1, seeds)]
        while len(runs) < seeds:
            runs.append(figures(binary, scenario, seed_list[len(runs)]))
            print(f"before: {name} seed {seed_list[len(runs) - 1]}", file=sys.stderr)
        cache[name] = runs[:seeds]
        if cache_path:
            with open(cache_path, "w") as file:
                json.dump(cache, file, indent=1, sort_keys=True)
    return cache


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="shardsim binary before the change")
    parser.add_argument("--after", help="shardsim binary after the change (omit to only fill the cache)")
    parser.add_argument("--seeds", type=int, default=8, help="BEFORE seeds per scenario (default 8)")
    parser.add_argument("--cache", help="JSON file keeping the BEFORE figures between calls")
    parser.add_argument("--only", help="comma-separated scenario names (default: the whole library)")
    arguments = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    scenarios = sorted(
        path for path in glob.glob(os.path.join(root, "scenarios", "*.json")) if not path.endswith("schema.json"))
    if arguments.only:
        wanted = set(arguments.only.split(","))
        scenarios = [path for path in scenarios if os.path.basename(path)[:-5] in wanted]
    before = before_figures(arguments.before, scenarios, arguments.seeds, arguments.cache)
    if not arguments.after:
        return 0
    outside = 0
    print(f"| scenario | figure | before mean | before sd | before min | before max | after (scenario seed) | within |")
    print("|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        name = os.path.basename(scenario)[:-5]
        after = figures(arguments.after, scenario, None)
        for figure in FIGURES:
            values = [run[figure] for run in before[name]]
            mean = statistics.fmean(values)
            sd = statistics.pstdev(values)
            low, high = min(values), max(values)
            value = after[figure]
            in_range = low <= value <= high
            in_band = abs(value - mean) <= 3 * sd
            verdict = "min-max" if in_range else ("3 sd" if in_band else "OUTSIDE")
            if not (in_range or in_band):
                outside += 1
            if high == low == value and figure != "writeThrottledFraction":
                continue  # a figure no seed moves (no consumers, no throttles): nothing to show
            print(f"| {name} | {figure} | {mean:.6g} | {sd:.3g} | {low:.6g} | {high:.6g} | {value:.6g} | {verdict} |")
    print(f"\n{outside} figure(s) outside the BEFORE seeds' spread", file=sys.stderr)
    return 1 if outside else 0


if __name__ == "__main__":
    sys.exit(main())
