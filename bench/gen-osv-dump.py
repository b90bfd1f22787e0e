#!/usr/bin/env python3
"""Builds an OSV npm dump at the real export's scale from the shared corpus's OSV records.

OSV's npm `all.zip` is mostly one-package malicious-package records (MAL-*, about 200,000 and
growing) plus a few thousand GHSA advisories. This writes such an all.zip: the corpus's
ossf-malicious-npm records and its GHSA-style OSV records (ghsa-npm-subset, -extra, -fixtures),
copied round-robin until the wanted counts are reached. The first copy of each record is the
record itself (so real lockfiles still match real advisories); every later copy gets a new id
(`<id>-C<k>`, aliases likewise) and new package names (`<name>-c<k>`), so the number of
advisories per package name stays as in the real feed.

usage: bench/gen-osv-dump.py OUT.zip [--records N] [--ghsa N] [--corpus DIR]
  --records  total records (default 200000)
  --ghsa     how many of them are GHSA-style (default 4000)
  --corpus   the advisory corpus (default $VOUCH_SHARED_DIR/corpus/advisories, VOUCH_SHARED_DIR
             defaulting to ../shared beside the checkout)
The output is byte-reproducible (fixed entry times, sorted order): the same arguments give the
same zip.
"""
import argparse
import json
import os
import sys
import zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("out")
parser.add_argument("--records", type=int, default=200_000)
parser.add_argument("--ghsa", type=int, default=4_000)
shared = os.environ.get("VOUCH_SHARED_DIR") or os.path.join(root, "..", "shared")
parser.add_argument("--corpus", default=os.path.join(shared, "corpus", "advisories"))
args = parser.parse_args()
if not 0 <= args.ghsa <= args.records:
    sys.exit("gen-osv-dump: --ghsa must be between 0 and --records")


def read(folders):
    records = []
    for folder in folders:
        d = os.path.join(args.corpus, folder)
        for name in sorted(os.listdir(d)):
            if name.endswith(".json"):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    records.append(json.load(f))
    if not records:
        sys.exit(f"gen-osv-dump: no OSV records in {folders} under {args.corpus}")
    return records


malicious = read(["ossf-malicious-npm"])
ghsa = read(["ghsa-npm-subset", "ghsa-npm-extra", "ghsa-npm-fixtures"])


def copy(record, k):
    if k == 0:
        return record
    r = dict(record)
    r["id"] = f"{record['id']}-C{k}"
    if "aliases" in record:
        r["aliases"] = [f"{a}-C{k}" for a in record["aliases"]]
    affected = []
    for a in record.get("affected", []):
        a = dict(a)
        a["package"] = dict(a["package"], name=f"{a['package']['name']}-c{k}")
        affected.append(a)
    r["affected"] = affected
    return r


def entries(records, count):
    for i in range(count):
        yield copy(records[i % len(records)], i // len(records))


inflated = 0
with zipfile.ZipFile(args.out + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for records, count in ((malicious, args.records - args.ghsa), (ghsa, args.ghsa)):
        for r in entries(records, count):
            data = json.dumps(r, indent=2, ensure_ascii=False).encode()
            inflated += len(data)
            info = zipfile.ZipInfo(r["id"] + ".json", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
os.replace(args.out + ".tmp", args.out)
print(f"gen-osv-dump: {args.out}: {args.records} records ({args.records - args.ghsa} malicious-package "
      f"copies of {len(malicious)}, {args.ghsa} GHSA copies of {len(ghsa)}), "
      f"{os.path.getsize(args.out) / 2**20:.0f} MiB zipped, {inflated / 2**20:.0f} MiB inflated",
      file=sys.stderr)
