#!/usr/bin/env python3
"""Independent reference for SeriesShard (urbancast --shard I/N).

The hash is FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over the
series key written as netstrings, name then value for each key column in order:
len(utf8):bytes, ... e.g. city=Oslo -> b"4:city,4:Oslo,". A series is in shard hash mod N.

Run:  python3 Tests/UrbanCastTests/Fixtures/shard/shard_reference.py > Tests/UrbanCastTests/Fixtures/shard/shard_reference.txt
Output: one line per key: the key as JSON, the hash in hex, and the shard for N = 1, 2, 3, 7, 1000.
"""
import json

OFFSET = 0xCBF29CE484222325
PRIME = 0x100000001B3


def canonical(key):
    out = b""
    for name, value in key:
        for text in (name, value):
            data = text.encode("utf-8")
            out += str(len(data)).encode("ascii") + b":" + data + b","
    return out


def fnv1a64(data):
    h = OFFSET
    for byte in data:
        h ^= byte
        h = (h * PRIME) % (1 << 64)
    return h


KEYS = [
    [],
    [("series", "")],
    [("city", "Oslo")],
    [("city", "New York"), ("indicator", "population")],
    [("city", "New York"), ("indicator", "water_consumption")],
    [("city", "São Paulo"), ("indicator", "água")],
    [("series", "a,b")],
    [("unique_id", "a,b")],
    [("series", "a"), ("city", ",b")],
    [("series", "1:a,")],
    [("series", 'quote"d')],
    [("station", "Dongsi"), ("pollutant", "PM2.5")],
    [("series", "北京")],
]

if __name__ == "__main__":
    for key in KEYS:
        h = fnv1a64(canonical(key))
        shards = [h % n for n in (1, 2, 3, 7, 1000)]
        print(json.dumps(key, ensure_ascii=False), f"{h:016x}", *shards)
