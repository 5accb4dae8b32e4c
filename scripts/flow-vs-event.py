#!/usr/bin/env python3
"""Flow fidelity against event fidelity on a generated family of scenarios (docs/model.md section 16).

Each scenario is one producer on a 4-shard provisioned stream, its rate a fraction (80 % to 120 %) of the limit
that binds for its record size (1,000 records/s or 1 MiB/s per shard, the partition key counted; with KPL
aggregation the bytes limit), for PutRecord, PutRecords and PutRecords with aggregation, with uniform, zipf and
hot-key partition keys. Each is run in both fidelities over several seeds; the table prints the mean write
throttled fraction of each and their difference, and the last lines the largest difference across the family.

Usage: scripts/flow-vs-event.py [--binary PATH] [--seeds N] [--jobs N] [--quick] [--match TEXT]
       (build first: swift build -c release --product shardsim)
"""
import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

SHARDS = 4
RECORDS_LIMIT = 1000          # records/s per shard (AWS PutRecords quota)
BYTES_LIMIT = 1024 * 1024     # bytes/s per shard, data + partition key
KEY_BYTES = 6                 # "k-" + up to 4 digits, a typical key of this family


def keys(kind):
    if kind == "uniform":
        return {"distribution": "uniform", "count": 2000, "prefix": "k-"}
    if kind == "zipf":
        return {"distribution": "zipf", "count": 2000, "exponent": 1.0, "prefix": "k-"}
    return {"distribution": "hotKeys", "hot": [{"key": "hot-1", "share": 0.05}],
            "others": {"count": 2000, "prefix": "k-"}}


def scenario(size, api, key_kind, fraction):
    aggregated = api == "PutRecords+aggregation"
    per_shard = BYTES_LIMIT / (size + KEY_BYTES)
    if not aggregated:
        per_shard = min(per_shard, RECORDS_LIMIT)
    rate = round(fraction * per_shard * SHARDS, 3)
    seconds = int(min(3600, max(60, 20000 / per_shard)))
    producer = {
        "name": "p", "recordsPerSecond": rate, "arrival": "poisson", "recordSizeBytes": size,
        "partitionKeys": keys(key_kind),
        "api": "PutRecord" if api == "PutRecord" else "PutRecords",
        "retry": {"maxAttempts": 3, "initialBackoff": "100ms", "maxBackoff": "5s", "jitter": "full"},
    }
    if api != "PutRecord":
        producer["batching"] = {"maxRecords": 500, "maxBytes": 5242880, "maxBufferedTime": "100ms"}
    if aggregated:
        producer["aggregation"] = {"enabled": True, "maxBytes": 51200}
    return {"formatVersion": 1, "name": f"family-{size}-{api}-{key_kind}-{fraction}", "seed": 1,
            "duration": f"{seconds}s", "stream": {"shardCount": SHARDS}, "producers": [producer]}


def family(quick):
    sizes = [100, 1000, 4096, 65536, 1000000] if not quick else [100, 4096, 1000000]
    fractions = [0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.2] if not quick else [0.9, 1.0, 1.1]
    for size, api, key_kind, fraction in itertools.product(
            sizes, ["PutRecord", "PutRecords", "PutRecords+aggregation"], ["uniform", "zipf", "hotKeys"], fractions):
        if api == "PutRecords+aggregation" and size > 4096:
            continue  # records this large do not fit an aggregate (51,200 bytes) more than once
        yield (size, api, key_kind, fraction)


def throttled(binary, path, fidelity, seed):
    out = subprocess.run([binary, "run", path, "--fidelity", fidelity, "--seed", str(seed), "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["producers"][0]["writeThrottledFraction"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build",
                                                         "release", "shardsim"))
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="3 sizes x 3 loads instead of 5 x 7")
    parser.add_argument("--match", default="", help="only cases whose description contains this text")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="flow-vs-event-")
    cases = [case for case in family(args.quick) if args.match in str(case)]
    paths = []
    for index, case in enumerate(cases):
        path = os.path.join(folder, f"case-{index}.json")
        with open(path, "w") as handle:
            json.dump(scenario(*case), handle)
        paths.append(path)
    work = [(path, fidelity, seed) for path in paths for fidelity in ("event", "flow")
            for seed in range(1, args.seeds + 1)]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda job: throttled(args.binary, *job), work))
    print(f"{'size B':>8} {'api':<23} {'keys':<8} {'load':>5} {'event':>8} {'flow':>8} {'diff':>8}")
    worst_absolute, worst_relative = (0.0, None), (0.0, None)
    position = 0
    for case in cases:
        event = sum(results[position:position + args.seeds]) / args.seeds
        flow = sum(results[position + args.seeds:position + 2 * args.seeds]) / args.seeds
        position += 2 * args.seeds
        difference = flow - event
        size, api, key_kind, fraction = case
        print(f"{size:>8} {api:<23} {key_kind:<8} {fraction:>5.2f} {event:>8.4f} {flow:>8.4f} {difference:>+8.4f}")
        if abs(difference) > worst_absolute[0]:
            worst_absolute = (abs(difference), case)
        if event >= 0.05 and abs(difference) / event > worst_relative[0]:
            worst_relative = (abs(difference) / event, case)
    print(f"largest |flow - event|: {worst_absolute[0]:.4f} at {worst_absolute[1]}")
    print(f"largest relative difference where event >= 0.05: {worst_relative[0]:.3f} at {worst_relative[1]}")


if __name__ == "__main__":
    sys.exit(main())
