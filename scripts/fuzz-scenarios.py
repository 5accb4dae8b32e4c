#!/usr/bin/env python3
"""Mutates the library's scenario files and checks that shardsim never crashes or hangs on them.

Every case must end with exit code 0, 1 or 2 (2 with a message on stderr), never a signal, a trap or a
timeout. Mutations: wrong types, NaN/Infinity literals, huge and negative numbers, empty strings, long and odd
strings, deep nesting, truncation, unknown fields, dropped fields. Deterministic: a fixed seed picks them.

  scripts/fuzz-scenarios.py BINARY [CASES] [SEED]
Each case runs `validate` on the mutated file and `run` on it, in event and in flow fidelity, with the duration
held at 10 s (so a mutation
that is valid but asks for a long run does not look like a hang; duration mutations are covered by validate).
"""
import glob, json, os, random, subprocess, sys, tempfile

binary = sys.argv[1]
cases = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
bases = sorted(p for p in glob.glob("scenarios/*.json") if not p.endswith("schema.json"))
hostile = [None, True, False, 0, -1, -1e308, 1e308, 2**64, -2**63 - 1, 0.5, "", " ", "x" * 5000, "\u0000",
           "🙂" * 300, "NaN", "1e999", "-5s", "99999999d", [], {}, [[[[]]]], {"a": {"b": {}}}]

def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, prefix + (index,))

def set_at(document, path, value):
    if not path:
        return value
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return document

def mutate(text):
    document = json.loads(text)
    kind = rng.randrange(7)
    if kind == 0:
        return text[: rng.randrange(len(text))]                       # truncation
    if kind == 1:
        return text.replace("1", rng.choice(["NaN", "Infinity", "1e400", "-0", "01"]), 1)
    if kind == 2:
        return "[" * 5000 + text + "]" * 5000                        # deep nesting
    targets = [p for p in paths(document) if p]
    path = rng.choice(targets)
    if kind == 3:
        document = set_at(document, path, rng.choice(hostile))
    elif kind == 4 and isinstance(path[-1], str):
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        parent.pop(path[-1], None)                                    # dropped field
    elif kind == 5:
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict):
            parent[rng.choice(["shardCoutn", "extra", "", "⚡"])] = rng.choice(hostile)
    else:
        document = set_at(document, path, rng.choice(hostile))
        document = set_at(document, rng.choice([p for p in paths(document) if p] or [()]), rng.choice(hostile))
    return json.dumps(document, allow_nan=True)

failed_cases = set()
with tempfile.TemporaryDirectory() as folder:
    for case in range(cases):
        base = rng.choice(bases)
        text = mutate(open(base, encoding="utf-8").read())
        path = os.path.join(folder, f"case{case}.json")
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
        for words in (["validate", path], ["run", path, "--set", "duration=10s", "--format", "json"],
                      ["run", path, "--set", "duration=10s", "--fidelity", "flow", "--format", "json"]):
            try:
                done = subprocess.run([binary] + words, capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                failed_cases.add(case)
                print(f"case {case} ({base}): {words[0]} did not finish in 60 s; input kept at fuzz-case-{case}.json")
                open(f"fuzz-case-{case}.json", "w").write(text)
                continue
            code = done.returncode
            if code not in (0, 1, 2) or (code == 2 and not done.stderr.strip()):
                failed_cases.add(case)
                print(f"case {case} ({base}): {words[0]} exited {code}; input kept at fuzz-case-{case}.json")
                print(done.stderr.decode(errors="replace")[-400:])
                open(f"fuzz-case-{case}.json", "w").write(text)
print(f"fuzz: {cases - len(failed_cases)} passed, {len(failed_cases)} failed")
sys.exit(1 if failed_cases else 0)
