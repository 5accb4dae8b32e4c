#!/usr/bin/env python3
"""Independent resharding vectors for ShardSim's tests, computed with Python integers only.

Rerun from the repository root:  python3 Tests/ShardSimModelTests/Fixtures/generate_resharding_vectors.py
It rewrites resharding_vectors.json next to this file. Rules (Kinesis developer guide, "Split a shard",
"Merge two shards"; API UpdateShardCount):
- a new stream of N shards: [i*step, (i+1)*step-1], step = 2**128 // N, the last ending at 2**128-1;
- SplitShard at NewStartingHashKey k: children [start, k-1] and [k, end]; the guide's default k is (start+end)//2;
- MergeShards of adjacent shards: [lower.start, upper.end];
- UpdateShardCount (uniform scaling, as ShardSim models it): the open shards become the even layout of the
  target count; each child's parent is the first old shard its range overlaps, the adjacent parent the second.
"""
import json, os

MAX = 2**128 - 1

def initial(n):
    step = 2**128 // n
    return [[i * step, (i + 1) * step - 1 if i < n - 1 else MAX] for i in range(n)]

def split(r, k):
    return [[r[0], k - 1], [k, r[1]]]

def overlaps(a, b):
    return a[0] <= b[1] and a[1] >= b[0]

vectors = {"splits": [], "merges": [], "rescales": []}
for n in [1, 2, 3, 5, 7]:
    for i, r in enumerate(initial(n)):
        k = (r[0] + r[1]) // 2
        vectors["splits"].append({"shardCount": n, "shardIndex": i, "newStartingHashKey": str(k),
                                  "children": [[str(a), str(b)] for a, b in split(r, k)]})
    layout = initial(n)
    for i in range(n - 1):
        vectors["merges"].append({"shardCount": n, "shardIndex": i, "adjacentIndex": i + 1,
                                  "child": [str(layout[i][0]), str(layout[i + 1][1])]})
for n, target in [(2, 4), (4, 8), (4, 2), (3, 5), (5, 3), (6, 3), (7, 10), (10, 20), (10, 5)]:
    old = initial(n)
    children = []
    for r in initial(target):
        parents = [i for i, o in enumerate(old) if overlaps(o, r)]
        children.append({"range": [str(r[0]), str(r[1])], "parent": parents[0],
                         "adjacentParent": parents[1] if len(parents) > 1 else None})
    vectors["rescales"].append({"from": n, "to": target, "children": children})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "resharding_vectors.json")
with open(path, "w") as out:
    json.dump(vectors, out, indent=1)
    out.write("\n")
