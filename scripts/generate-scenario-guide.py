#!/usr/bin/env python3
"""Writes docs/scenario-guide.md from scenarios/schema.json, the one definition of the scenario format.

Every field of the schema gets a row: its JSON path, meaning (the schema's description), unit, default, range and
an example. Examples come from the scenario library (the first library file that sets the field, named) or, when
no library file sets it, from the schema's default, enum or minimum. Units come from the field's name, which by
the project's rule carries its unit (recordsPerSecond, retentionPeriodHours, provisionedShardHourUSD), or from its
shape (a duration).

The guide is never edited by hand:
  scripts/generate-scenario-guide.py           # rewrite docs/scenario-guide.md
  scripts/generate-scenario-guide.py --check   # exit 1 if docs/scenario-guide.md differs (a Swift test runs this)

Why this cannot drift: the guide is generated from schema.json; ScenarioLibraryTests checks that schema.json names
exactly the fields the decoder accepts in every object (over the library, the init templates and a fixture that
reaches every variant); ScenarioGuideTests runs --check and checks every schema path has its row.
"""
import glob, json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDE = os.path.join(ROOT, "docs", "scenario-guide.md")
DURATION_PATTERN = "^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)?$"


def load_examples():
    """path -> (value, file) for the first library scenario that sets each field (files in name order)."""
    examples = {}

    def walk(value, path, name):
        if path and path not in examples:
            examples[path] = (value, name)
        if isinstance(value, dict):
            for key, member in value.items():
                walk(member, f"{path}.{key}" if path else key, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, path + "[]", name)

    for file in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.json"))):
        if os.path.basename(file) == "schema.json":
            continue
        with open(file) as handle:
            walk(json.load(handle), "", os.path.basename(file))
    return examples


def is_duration(node):
    return any(option.get("pattern") == DURATION_PATTERN for option in node.get("oneOf", []))


def unit(name, node):
    if is_duration(node):
        return "duration: seconds, or \"250ms\", \"90s\", \"15m\", \"2h\", \"30d\""
    rules = [("BytesPerSecond", "bytes/s"), ("RecordsPerSecond", "records/s"), ("CallsPerSecond", "calls/s"),
             ("ShardHourUSD", "US$ per shard-hour"), ("StreamHourUSD", "US$ per stream-hour"),
             ("GBMonthUSD", "US$ per GB-month"), ("GBSecondUSD", "US$ per GB-second"), ("GBUSD", "US$ per GB"),
             ("PerMillionUSD", "US$ per million"), ("Per10kUSD", "US$ per 10,000 requests"),
             ("MonthUSD", "US$ per month"), ("InKiB", "KiB"), ("Bytes", "bytes"), ("Hours", "hours"),
             ("InSeconds", "seconds"), ("Seconds", "seconds"), ("InMBs", "MB (MiB)"), ("SizeMB", "MB (MiB)"),
             ("Ms", "milliseconds"), ("Fraction", "fraction, 0 to 1"), ("Share", "fraction, 0 to 1"),
             ("Rate", "fraction, 0 to 1"), ("Count", "count"), ("Attempts", "count"), ("Executions", "count")]
    for suffix, meaning in rules:
        if name.endswith(suffix) or name == suffix[0].lower() + suffix[1:]:
            return meaning
    if name in ("count", "batchSize", "maxRecords", "credentials", "parallelizationFactor", "targetShardCount",
                "maxRecordsPerCall", "maxFailedRecords"):
        return "records" if "Records" in name else "count"
    if name == "lambdaUnreservedConcurrency":
        return "concurrent executions"
    if name.startswith("aggregationOverheadBytes"):
        return "bytes per user record"
    if name in ("file", "bytesFile", "shardsFile"):
        return "file path, relative to the scenario"
    if name == "seed":
        return "whole number"
    if name == "newStartingHashKey":
        return "decimal 128-bit hash key"
    if name in ("maxBytes", "min", "max", "mean", "stddev", "recordSizeBytes"):
        return "bytes"
    if name in ("multiplier", "scale", "peakMultiplier", "exponent"):
        return "factor"
    kind = node.get("type")
    if "enum" in node or "const" in node:
        return "one of the values"
    return {"string": "text", "boolean": "true or false", "object": "object", "array": "list",
            "integer": "number", "number": "number"}.get(kind, "—")


def value_range(node):
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    if "enum" in node:
        return ", ".join(f"`{json.dumps(v)}`" for v in node["enum"])
    options = node.get("oneOf", [])
    if is_duration(node):
        bounds = [o for o in options if o.get("type") == "number"]
        if bounds and "minimum" in bounds[0]:
            return f"{fmt(bounds[0]['minimum'])} to {fmt(bounds[0].get('maximum', '…'))} s"
        return "see meaning"
    low, high = node.get("minimum"), node.get("maximum")
    if low is None and high is None:
        for option in options:
            if "minimum" in option or "maximum" in option:
                low, high = option.get("minimum"), option.get("maximum")
                break
    if low is not None or high is not None:
        constants = [f"{fmt(o['const'])}, or " for o in options if "const" in o]
        return "".join(constants) + f"{fmt(low) if low is not None else '…'} to {fmt(high) if high is not None else '…'}"
    if "pattern" in node:
        return f"matches `{node['pattern']}`"
    if "minLength" in node or "maxLength" in node:
        return f"{node.get('minLength', 0)} to {node.get('maxLength', '…')} characters"
    return "—"


def fmt(number):
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        number = int(number)
    if isinstance(number, int):
        return f"{number:,}"
    return str(number)


def code(text):
    """A Markdown code span that survives backticks inside it."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def example(path, node, examples):
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    if path in examples:
        value, file = examples[path]
        if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
            return f"see below ({file})"
        text = json.dumps(value)
        if len(text) > 60:
            text = text[:57] + "…\""
        return f"{code(text)} ({file})"
    for key in ("default", "const"):
        if key in node:
            return f"`{json.dumps(node[key])}`"
    if "enum" in node:
        return f"`{json.dumps(node['enum'][0])}`"
    if "minimum" in node:
        return f"`{json.dumps(node['minimum'])}`"
    return "—"


def default(name, node, required):
    if "default" in node:
        return f"`{json.dumps(node['default'])}`"
    return "required" if name in required else "none"


def resolve(node, schema):
    reference = node.get("$ref")
    if reference and reference.startswith("#/"):
        target = schema
        for part in reference[2:].split("/"):
            target = target[part]
        return resolve(target, schema)
    return node


def variant_label(variant, index):
    for key, member in variant.get("properties", {}).items():
        if "const" in member:
            return f"{key} `{json.dumps(member['const'])}`"
    return variant.get("description", f"shape {index + 1}").rstrip(".")


def section(lines, title, path, node, schema, examples, level):
    """A table of node's properties, then a section for each object property, array of objects and variant."""
    node = resolve(node, schema)
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    if properties:
        lines += [f"{'#' * level} {title}", ""]
        if node.get("description"):
            lines += [node["description"], ""]
        lines += ["| field | meaning | unit | default | range | example |", "|---|---|---|---|---|---|"]
        for name, member in properties.items():
            member = resolve(member, schema)
            full = f"{path}.{name}" if path else name
            lines.append(f"| `{full}` | {cell(member.get('description', ''))} | {cell(unit(name, member))} | "
                         f"{cell(default(name, member, required))} | {cell(value_range(member))} | "
                         f"{cell(example(full, member, examples))} |")
        lines.append("")
    for index, variant in enumerate(node.get("oneOf", []) + node.get("anyOf", [])):
        variant = resolve(variant, schema)
        if variant.get("properties"):
            section(lines, f"{title}: {variant_label(variant, index)}", path, variant, schema, examples, level + 1)
    for name, member in properties.items():
        member = resolve(member, schema)
        full = f"{path}.{name}" if path else name
        children = [member] + [resolve(o, schema) for o in member.get("oneOf", [])]
        if member.get("type") == "array" and "items" in member:
            section(lines, f"`{full}[]`", full + "[]", member["items"], schema, examples, level + 1)
        elif member.get("properties") or any(c.get("properties") for c in children[1:]):
            section(lines, f"`{full}`", full, member, schema, examples, level + 1)


def render():
    with open(os.path.join(ROOT, "scenarios", "schema.json")) as handle:
        schema = json.load(handle)
    lines = ["# Scenario guide", "",
             "<!-- Generated by scripts/generate-scenario-guide.py from scenarios/schema.json: do not edit by hand. -->", "",
             "Every field of a scenario file, grouped as the file is: its JSON path (`[]` is any item of a list, the",
             "form `--set` and `--vary` take with an index: `producers.0.recordsPerSecond`), meaning, unit, default",
             "(\"required\" when the file must give it, \"none\" when leaving it out turns the feature off), range",
             "and an example (from the scenario library, named, where one sets the field). Sections marked",
             "`type \"…\"` (or `action`, `distribution`) apply when the object has that value. Rules across fields",
             "(unique names, min ≤ max, …) are checked by `shardsim validate`; `shardsim init --list` gives",
             "starting points. Units: 1 MiB = 1,048,576 bytes; where AWS's name says MB (`sizeInMBs`) it means MiB",
             "as AWS documents it for that field. The AWS limits and prices behind the defaults: [facts.md](facts.md).",
             ""]
    section(lines, "The scenario", "", schema, schema, load_examples(), 2)
    return "\n".join(lines).rstrip() + "\n"


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        with open(GUIDE) as handle:
            if handle.read() != text:
                print("docs/scenario-guide.md is out of date: run scripts/generate-scenario-guide.py", file=sys.stderr)
                return 1
        print("docs/scenario-guide.md matches scenarios/schema.json")
        return 0
    with open(GUIDE, "w") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
