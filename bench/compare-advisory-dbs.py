#!/usr/bin/env python3
"""Compares two vouch advisory databases row by row (every table, rowids included; the meta
table's imported_at left out, it is the import's clock). Used to check that a change to the import
path writes the same database as before: import the same sources with the old and the new binary,
then

    bench/compare-advisory-dbs.py OLD/advisories.sqlite NEW/advisories.sqlite

Exit 0 and "same" when identical; exit 1 and the first differences otherwise.
"""
import sqlite3
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)

QUERIES = {
    "meta": "SELECT key, value FROM meta WHERE key != 'imported_at' ORDER BY key",
    "sources": "SELECT * FROM sources ORDER BY position",
    "advisories": "SELECT rowid, id, json, sources FROM advisories ORDER BY rowid",
    "package_index": "SELECT package, advisory FROM package_index ORDER BY package, advisory",
    "schema": "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
}


def rows(path, query):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield from db.execute(query)
    finally:
        db.close()


differences = 0
for table, query in QUERIES.items():
    count = 0
    for count, (a, b) in enumerate(zip(rows(sys.argv[1], query), rows(sys.argv[2], query)), 1):
        if a != b:
            differences += 1
            if differences <= 5:
                print(f"{table} row {count}:\n  old {str(a)[:300]}\n  new {str(b)[:300]}")
    sizes = [sum(1 for _ in rows(p, query)) for p in sys.argv[1:]]
    if sizes[0] != sizes[1]:
        differences += 1
        print(f"{table}: {sizes[0]} rows vs {sizes[1]}")
    else:
        print(f"{table}: {sizes[0]} rows")
print("same" if differences == 0 else f"DIFFERENT ({differences})")
sys.exit(0 if differences == 0 else 1)
