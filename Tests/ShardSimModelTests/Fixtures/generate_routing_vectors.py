#!/usr/bin/env python3
"""Generates the MD5 and Kinesis routing test vectors for ShardSimModelTests.

Rerun from the repository root (Python 3.8+, standard library only):

    python3 Tests/ShardSimModelTests/Fixtures/generate_routing_vectors.py          # rewrite
    python3 Tests/ShardSimModelTests/Fixtures/generate_routing_vectors.py --check  # diff only

It writes md5_vectors.json and routing_vectors.json next to this file. Every expected value
comes from an implementation independent of the Swift code under test: digests from Python's
hashlib, hash keys and shard ranges from Python's arbitrary-precision ints. Nothing here
imports or runs Swift, so a bug in ShardSim's MD5 or range arithmetic cannot leak into the
expectations.

The files are written with ensure_ascii=True, so every non-ASCII partition key is stored as
\\u escapes; an editor or tool cannot silently re-normalize "e\\u0301" into "\\u00e9". Each key
also carries its UTF-8 bytes in hex so the Swift test can prove the JSON decoder kept them.

Facts encoded (AWS docs):
  - hash key = MD5(UTF-8 bytes of the partition key) read as an unsigned big-endian integer
    https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
  - CreateStream with N shards: shard i covers [i*step, (i+1)*step - 1], step = 2**128 // N,
    and the last shard ends at 2**128 - 1
  - shard ids are "shardId-" + the shard number zero-padded to 12 digits
"""
import hashlib
import json
import sys
from bisect import bisect_right
from pathlib import Path

HASH_SPACE = 2 ** 128
SHARD_COUNTS = [1, 2, 3, 5, 7, 16, 100, 500]
PATTERN_TEXT = "byte[i] = (i * 31 + 7) mod 256"
# Short lengths straddle the padding edges 55/56 and 119/120 and the block edges 63/64/127/128.
PATTERNED_LENGTHS = list(range(0, 131))
MULTI_BLOCK_LENGTHS = [191, 192, 193, 1000, 4095, 4096, 4097, 100003]

RFC1321_MESSAGES = [
    "",
    "a",
    "abc",
    "message digest",
    "abcdefghijklmnopqrstuvwxyz",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "1234567890" * 8,
]

# (readable ASCII name, key). Names keep test output legible whatever the key holds.
PARTITION_KEYS = [
    ("user-1", "user-1"),
    ("user-2", "user-2"),
    ("user-42", "user-42"),
    ("tenant-42", "tenant-42"),
    ("key-0", "key-0"),
    ("key-1", "key-1"),
    ("key-2", "key-2"),
    ("single a", "a"),
    ("single A", "A"),
    ("order#12345", "order#12345"),
    ("device:7f3a9c", "device:7f3a9c"),
    ("digits 0-9", "0123456789"),
    ("hello world", "hello world"),
    ("cyrillic kljuch", "\u043a\u043b\u044e\u0447"),
    ("japanese key", "\u65e5\u672c\u8a9e\u30ad\u30fc"),
    ("arabic miftah", "\u0645\u0641\u062a\u0627\u062d"),
    ("emoji slightly smiling", "\U0001F642"),
    ("emoji ZWJ family", "\U0001F468\u200D\U0001F469\u200D\U0001F467"),
    ("e + combining acute (NFD)", "e\u0301"),
    ("e-acute precomposed (NFC)", "\u00e9"),
    ("Strasse with sharp s", "Stra\u00dfe"),
    ("STRASSE", "STRASSE"),
    ("space", " "),
    ("tab", "\t"),
    ("newline", "\n"),
    ("zero-width space", "\u200b"),
    ("no-break space", "\u00a0"),
    ("byte order mark + key", "\ufeffkey"),
    ("zero", "0"),
    ("dash", "-"),
    ("-x", "-x"),
    ("--shards", "--shards"),
    ("55 ASCII (one block)", "p" * 55),
    ("56 ASCII (padding spills)", "p" * 56),
    ("64 ASCII (exact block)", "p" * 64),
    ("256 ASCII", "k" * 256),
    ("256 e-acute scalars", "\u00e9" * 256),
    ("255 ASCII + 1 emoji", "x" * 255 + "\U0001F642"),
    ("100 emoji", "\U0001F642" * 100),
    ("256 CJK scalars", "\u6f22" * 256),
]


def pattern_bytes(length):
    return bytes((i * 31 + 7) % 256 for i in range(length))


def initial_ranges(shard_count):
    step = HASH_SPACE // shard_count
    ranges = []
    for index in range(shard_count):
        start = index * step
        end = HASH_SPACE - 1 if index == shard_count - 1 else (index + 1) * step - 1
        ranges.append((start, end))
    return ranges


def shard_id(number):
    return "shardId-%012d" % number


def hash_key(key):
    return int.from_bytes(hashlib.md5(key.encode("utf-8")).digest(), "big")


def md5_document():
    return {
        "generator": "generate_routing_vectors.py (Python hashlib)",
        "pattern": PATTERN_TEXT,
        "rfc1321": [
            {"message": m, "md5": hashlib.md5(m.encode("ascii")).hexdigest()}
            for m in RFC1321_MESSAGES
        ],
        "patterned": [
            {"length": n, "input_hex": pattern_bytes(n).hex(),
             "md5": hashlib.md5(pattern_bytes(n)).hexdigest()}
            for n in PATTERNED_LENGTHS
        ],
        "multi_block": [
            {"length": n, "md5": hashlib.md5(pattern_bytes(n)).hexdigest()}
            for n in MULTI_BLOCK_LENGTHS
        ],
    }


def routing_document():
    layouts = {n: initial_ranges(n) for n in SHARD_COUNTS}
    keys = []
    for name, key in PARTITION_KEYS:
        value = hash_key(key)
        placements = []
        for n in SHARD_COUNTS:
            starts = [start for start, _ in layouts[n]]
            index = bisect_right(starts, value) - 1
            start, end = layouts[n][index]
            assert start <= value <= end
            placements.append({"shard_count": n, "shard_index": index, "shard_id": shard_id(index)})
        keys.append({
            "name": name,
            "key": key,
            "utf8_hex": key.encode("utf-8").hex(),
            "unicode_scalar_count": len(key),
            "hash_key": str(value),
            "placements": placements,
        })
    return {
        "generator": "generate_routing_vectors.py (Python hashlib and ints)",
        "hash_key_max": str(HASH_SPACE - 1),
        "layouts": [
            {"shard_count": n,
             "ranges": [{"shard_id": shard_id(i), "starting_hash_key": str(s), "ending_hash_key": str(e)}
                        for i, (s, e) in enumerate(layouts[n])]}
            for n in SHARD_COUNTS
        ],
        "partition_keys": keys,
    }


def render(document):
    return json.dumps(document, indent=1, ensure_ascii=True) + "\n"


def main():
    here = Path(__file__).resolve().parent
    outputs = {"md5_vectors.json": render(md5_document()),
               "routing_vectors.json": render(routing_document())}
    if "--check" in sys.argv[1:]:
        stale = [name for name, text in outputs.items()
                 if not (here / name).exists() or (here / name).read_text(encoding="ascii") != text]
        for name in stale:
            print("stale: %s (rerun without --check)" % name)
        return 1 if stale else 0
    for name, text in outputs.items():
        (here / name).write_text(text, encoding="ascii")
        print("wrote %s" % (here / name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
