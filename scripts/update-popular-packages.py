#!/usr/bin/env python3
"""Writes data/popular-packages.txt: the npm package names most depended on across the real
lockfiles of the shared corpus (the typosquat rule of `vouch lint` compares names against it).

usage: scripts/update-popular-packages.py CORPUS_LOCKFILES_DIR [COUNT]
  CORPUS_LOCKFILES_DIR: the `lockfiles/` folder made by `../shared/corpus/unpack.sh DIR`.

"Depended on" = how many packages declare a dependency on the name (dependencies,
optionalDependencies, peerDependencies; v1 `requires`), summed over the lockfiles; ties by name.
"""
import json, pathlib, sys
from collections import Counter

root = pathlib.Path(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
dependents = Counter()
files = sorted(p for p in root.rglob("package-lock.json") if "node_modules" not in p.parts)
for path in files:
    lock = json.loads(path.read_text())
    entries = list(lock.get("packages", {}).values())
    def walk(deps):
        for entry in deps.values():
            entries.append({"dependencies": entry.get("requires", {})})
            walk(entry.get("dependencies", {}))
    if "packages" not in lock:
        walk(lock.get("dependencies", {}))
    for entry in entries:
        for key in ("dependencies", "optionalDependencies", "peerDependencies"):
            for name in entry.get(key, {}) or {}:
                dependents[name] += 1
top = sorted(dependents.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
out = pathlib.Path(__file__).resolve().parent.parent / "data" / "popular-packages.txt"
with out.open("w") as f:
    f.write("# The %d npm package names most depended on across %d real lockfiles of the shared\n" % (len(top), len(files)))
    f.write("# corpus (../shared/corpus/lockfiles.tar.gz; repositories and commits in its README).\n")
    f.write("# Made by scripts/update-popular-packages.py; used by `vouch lint`'s typosquat rule.\n")
    f.write("# name<TAB>number of dependents\n")
    for name, n in top:
        f.write("%s\t%d\n" % (name, n))
print("wrote %s: %d names from %d lockfiles" % (out, len(top), len(files)))
