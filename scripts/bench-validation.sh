#!/usr/bin/env bash
# Times `shardsim validate` on generated scenarios with long lists (issue 14: validation is O(n log n) or better
# in every list). Prints, per list, the file size, wall time and peak RSS. Build with -c release for real figures:
#
#   swift build -c release --product shardsim && scripts/bench-validation.sh .build/release/shardsim
set -euo pipefail
binary="${1:-.build/release/shardsim}"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
python3 - "$folder" <<'PY'
import json, sys
folder = sys.argv[1]
def write(name, scenario):
    scenario["name"] = name
    with open(f"{folder}/{name}.json", "w") as file:
        json.dump(scenario, file)
def base(duration="1m", shards=4):
    return {"duration": duration, "stream": {"shardCount": shards}, "producers": [{"name": "p", "recordsPerSecond": 10}]}
n = 100_000
s = base(); s["producers"][0]["partitionKeys"] = {"distribution": "hotKeys", "others": {"count": 10},
    "hot": [{"key": f"tenant-{i}", "share": 0.5 / n} for i in range(n)]}
write("hot-keys-100k", s)
s = base(); s["consumers"] = [{"name": f"consumer-{i}", "type": "lambda"} for i in range(n)]
write("consumers-100k", s)
s = base("1d"); s["consumers"] = [{"name": f"consumer-{i}", "type": "shared"} for i in range(n)]
s["events"] = [{"at": f"{i}ms", "action": "consumerOutage", "consumer": f"consumer-{n - 1 - i}", "duration": "1s"} for i in range(n)]
write("consumer-outages-100k", s)
s = base("1000d" if False else "400d", 2)
events, current, child, t = [], 0, 2, 0
for i in range(n // 2):
    events.append({"at": f"{t}s", "action": "splitShard", "shardId": f"shardId-{current:012d}"}); t += 31
    events.append({"at": f"{t}s", "action": "mergeShards", "shardId": f"shardId-{child:012d}", "adjacentShardId": f"shardId-{child + 1:012d}"}); t += 31
    current, child = child + 2, child + 3
s["events"] = events
write("reshard-events-100k", s)
s = base("1m"); s["producers"] = [{"name": f"producer-{i}", "recordsPerSecond": 1} for i in range(1000)]
write("producers-1000", s)
PY
printf '%-26s %10s %8s %10s\n' list "file KiB" "wall s" "RSS MiB"
for file in "$folder"/*.json; do
  name="$(basename "$file" .json)"
  /usr/bin/time -f "%e %M" -o "$folder/time.txt" "$binary" validate "$file" >/dev/null
  read -r wall rss < "$folder/time.txt"
  printf '%-26s %10d %8s %10d\n' "$name" "$(( $(stat -c %s "$file") / 1024 ))" "$wall" "$(( rss / 1024 ))"
done
