#!/usr/bin/env python3
"""Mutates the library's scenario files, the files they refer to, and command lines, and checks that shardsim
never crashes or hangs on them.

Every case must end with exit code 0, 1, 2 or 74 (2 and 74 with a message on stderr), never a signal, a trap
or a timeout, and no output may hold a raw ESC byte (text hygiene: user strings are escaped). Mutations:
- scenarios: wrong types, NaN/Infinity literals, huge and negative numbers, empty strings, long and odd
  strings, deep nesting, truncation, unknown fields, dropped fields;
- referenced files (a series CSV or CloudWatch JSON, a describe-stream shards file), copied beside the
  scenario: the same JSON mutations, hostile CSV rows, or the file replaced by a FIFO, a folder, a link to
  /dev/zero or to a file outside the folder, a sparse file over the 16 MiB cap;
- command lines of every command (explore, init and compare included): options of other commands, misspelt
  options, hostile values (control characters, bytes that are not UTF-8, huge numbers, empty, `</script>`),
  stray positionals and `--`.
Deterministic: a fixed seed picks them.

  scripts/fuzz-scenarios.py BINARY [CASES] [SEED]
Scenario and file cases run `validate` (text and JSON) and `run` (event and flow fidelity) with the duration held at 10 s (so a
mutation that is valid but asks for a long run does not look like a hang; duration mutations are covered by
validate); command-line cases run the mutated line once.
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

# Library scenarios that read a file from data/, and that file's field.
with_files = [p for p in bases if '"file"' in open(p, encoding="utf-8").read() or '"shardsFile"' in open(p, encoding="utf-8").read()]

def mutate_csv():
    rows = ["timestamp,records,bytes", "2026-11-20T10:00:00Z,600,60000", "2026-11-20T10:01:00Z,1200,120000"]
    kind = rng.randrange(5)
    if kind == 0:
        rows.insert(rng.randrange(1, len(rows) + 1), rng.choice(["", "#", ",,", "x,y,z", "2026-13-40T99:00:00Z,1,1",
                                                                  "1e999,NaN,-1", "\x1b[31m,1,1", "9" * 400 + ",1,1"]))
    elif kind == 1:
        rows[0] = rng.choice(["timestamp", "records,timestamp", "\ufefftimestamp,records", "TIMESTAMP,RECORDS,BYTES,EXTRA"])
    elif kind == 2:
        rows = rows[:1] + [f"{1700000000 + 60 * i},{rng.choice([0, 1, 10**15, -5])},1" for i in range(rng.choice([1, 2, 5000]))]
    elif kind == 3:
        rows = rows[:1] + [f"{1700000000 + rng.randrange(-10**6, 10**6)},1,1" for _ in range(50)]     # unordered, duplicate
    else:
        rows = ["\x00" * 100, "\r\n" * 50]
    return "\n".join(rows) + rng.choice(["\n", "", "\r\n"])

def referenced_case(folder, case):
    """A copy of a library scenario beside its mutated data file; the scenario path and what was done."""
    base = rng.choice(with_files)
    document = json.loads(open(base, encoding="utf-8").read())
    case_folder = os.path.join(folder, f"case{case}")
    os.makedirs(os.path.join(case_folder, "data"))
    scenario = os.path.join(case_folder, "scenario.json")
    names = [p for p in paths(document) if p and p[-1] in ("file", "shardsFile", "bytesFile")]
    field = rng.choice(names)
    node = document
    for step in field[:-1]:
        node = node[step]
    source = os.path.join("scenarios", node[field[-1]])
    target = os.path.join(case_folder, node[field[-1]])
    kind = rng.randrange(7)
    if kind == 0:
        open(target, "w", encoding="utf-8").write(mutate(open(source, encoding="utf-8").read()))
        what = "mutated JSON"
    elif kind == 1:
        node[field[-1]] = "data/series.csv"
        target = os.path.join(case_folder, "data/series.csv")
        open(target, "w", encoding="utf-8").write(mutate_csv())
        what = "hostile CSV"
    elif kind == 2:
        os.mkfifo(target)
        what = "a FIFO"
    elif kind == 3:
        os.mkdir(target)
        what = "a folder"
    elif kind == 4:
        os.symlink(rng.choice(["/dev/zero", "/etc/passwd", "/proc/self/pagemap", "../../outside.json"]), target)
        what = "a link out of the folder"
    elif kind == 5:
        with open(target, "wb") as out:
            out.truncate(16 * 1048576 + rng.choice([1, 4096]))                       # sparse, over the cap
        what = "a file over the cap"
    else:
        node[field[-1]] = rng.choice(["/dev/zero", "/proc/self/pagemap", "../" * 12 + "etc/passwd", "", "data/", "data/../../x"])
        what = f"the path {node[field[-1]]!r}"
    open(scenario, "w", encoding="utf-8").write(json.dumps(document))
    return scenario, f"{base} with {'.'.join(map(str, field))} as {what}"

# Every option of every command, so each command also meets the others' options.
options = ["--format", "--out", "--seed", "--set", "--shards", "--workload", "--vary", "--html-out", "--emit", "--shards-file",
           "--fidelity", "--partition", "--fail-on-slo", "--help", "--allow-large", "--allow-outside-files", "--repeat",
           "--on-demand-stream", "--template", "--list", "--version",
           "--json", "--formt", "--shard", "-x", "-", "--", "--=", "--format="]
hostile_words = [b"", b"abc", b"-1", b"0", b"99999999999999999999999", b"1/0", b"json", b"csv", b"\x1b[31m\x1b]0;t\x07",
                 b"\xff\xfe", b"a\xc3", b"stream.shardCount=1,2", b"stream.shardCount=x,,0", b"duration=99999d",
                 b"/dev/zero", b"/proc/self/pagemap", b"/dev/full", b"x" * 3000, "é🙂".encode(), b"html", b"blank", b"new",
                 b"schema.json", b"out.html", b"</script><script>alert(1)</script>"]

def command_line(folder, case):
    """A mutated command line over a library scenario; the words (bytes) and a label."""
    scenario = os.path.abspath(rng.choice(bases)).encode()
    command = rng.choice(["validate", "run", "route", "sweep", "explore", "merge-results", "bench", "plan", "compare", "init"])
    words = [command.encode()] + ([scenario] if command not in ("route", "bench", "init") else [])
    for _ in range(rng.randrange(1, 6)):
        choice = rng.randrange(3)
        if choice == 0:
            words.append(rng.choice(options).encode())
        elif choice == 1:
            words += [rng.choice(options).encode(), rng.choice(hostile_words)]
        else:
            words.append(rng.choice(hostile_words))
    if command == "bench":
        words.append(b"--repeat")                           # never start the real benchmarks (minutes)
    if command in ("run", "sweep", "explore", "plan", "compare"):
        words += [b"--set", b"duration=10s"]             # a valid long run is not a hang
    return [w.replace(b"--allow-large", b"--allow-larg") for w in words], f"{command} line"

def check(case, words, label, keep, cwd=None):
    try:
        done = subprocess.run([os.path.abspath(binary).encode()] + words, capture_output=True, timeout=60, cwd=cwd)
    except subprocess.TimeoutExpired:
        return report(case, f"{label}: {words[0]!r} did not finish in 60 s", keep)
    code = done.returncode
    # 74: an output (--out PATH from the mutation) could not be written, said on stderr.
    # validate --format json says an invalid scenario on stdout ({"valid": false, ...}), exit 2.
    said = done.stderr.strip() or (code == 2 and done.stdout.startswith(b'{\n  "valid": false'))
    if code not in (0, 1, 2, 74) or (code in (2, 74) and not said):
        return report(case, f"{label}: {words[0]!r} exited {code}\n{done.stderr.decode(errors='replace')[-400:]}", keep)
    if b"\x1b" in done.stdout or b"\x1b" in done.stderr:
        return report(case, f"{label}: {words[0]!r} printed a raw ESC", keep)
    return True

def report(case, message, keep):
    failed_cases.add(case)
    print(f"case {case} ({message}); input kept at fuzz-case-{case}.txt")
    open(f"fuzz-case-{case}.txt", "w").write(keep)
    return False

failed_cases = set()
with tempfile.TemporaryDirectory() as folder:
    for case in range(cases):
        mode = rng.randrange(10)
        if mode < 6:
            base = rng.choice(bases)
            text = mutate(open(base, encoding="utf-8").read())
            path = os.path.join(folder, f"case{case}.json")
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
            label, keep = base, text
        elif mode < 8:
            path, label = referenced_case(folder, case)
            keep = label + "\n" + open(path, encoding="utf-8").read()
        else:
            words, label = command_line(folder, case)
            cwd = os.path.join(folder, f"case{case}")
            os.makedirs(cwd)
            check(case, words, label, repr(words), cwd=cwd)             # --out words land in the case's folder
            continue
        encoded = path.encode()
        for words in ([b"validate", encoded], [b"validate", encoded, b"--format", b"json"], [b"run", encoded, b"--set", b"duration=10s", b"--format", b"json"],
                      [b"run", encoded, b"--set", b"duration=10s", b"--fidelity", b"flow", b"--format", b"json"]):
            if not check(case, words, label, keep):
                break
print(f"fuzz: {cases - len(failed_cases)} passed, {len(failed_cases)} failed")
sys.exit(1 if failed_cases else 0)
