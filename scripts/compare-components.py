#!/usr/bin/python3
"""Compare the component sets of two CycloneDX SBOMs per lockfile (vouch vs a peer).

usage: compare-components.py MANIFEST SBOM_DIR REPORT_JSON PEER_NAME

MANIFEST is the TSV written by compare-cyclonedx-npm.sh (corpus path, lockfile name, vouch exit
code, peer status, id); SBOM_DIR holds <id>.vouch.cdx.json and <id>.peer.cdx.json. Components are
collected recursively (nested components too) and keyed by purl. Hashes per purl are the union of
component.hashes and externalReferences[type=distribution].hashes, so that vouch (hashes) and
cyclonedx-npm (distribution reference) compare like for like. Prints a markdown report.
"""

import json
import sys
from collections import defaultdict

DETAIL_LIMIT = 8


def load(path):
    try:
        with open(path, "rb") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def components(bom):
    """purl -> {"hashes": set((alg, hex)), "count": n}; plus the number of components without purl."""
    by_purl = defaultdict(lambda: {"hashes": set(), "count": 0})
    no_purl = 0

    def walk(items):
        nonlocal no_purl
        for c in items or []:
            if not isinstance(c, dict):
                continue
            purl = c.get("purl")
            if not purl:
                no_purl += 1
            else:
                entry = by_purl[purl]
                entry["count"] += 1
                hashes = list(c.get("hashes") or [])
                for ref in c.get("externalReferences") or []:
                    if ref.get("type") == "distribution":
                        hashes += ref.get("hashes") or []
                for h in hashes:
                    entry["hashes"].add((h.get("alg"), str(h.get("content", "")).lower()))
            walk(c.get("components"))

    walk(bom.get("components"))
    return by_purl, no_purl


def base(purl):
    return purl.split("?", 1)[0].split("#", 1)[0]


def compare(vouch_bom, peer_bom):
    vouch, vouch_no_purl = components(vouch_bom)
    peer, peer_no_purl = components(peer_bom)
    only_vouch = sorted(set(vouch) - set(peer))
    only_peer = sorted(set(peer) - set(vouch))
    # A purl on one side whose base (no qualifiers) is on the other side differs only in qualifiers.
    peer_bases = {base(p) for p in only_peer}
    vouch_bases = {base(p) for p in only_vouch}
    qualifier_only = sorted(p for p in only_vouch if base(p) in peer_bases)
    mismatches = []
    for purl in sorted(set(vouch) & set(peer)):
        v, p = vouch[purl]["hashes"], peer[purl]["hashes"]
        if v != p:
            kind = "missing in vouch" if not v else "missing in peer" if not p else "different"
            mismatches.append({"purl": purl, "kind": kind, "vouch": sorted(map(list, v)),
                               "peer": sorted(map(list, p))})
    return {
        "vouch_components": sum(e["count"] for e in vouch.values()) + vouch_no_purl,
        "peer_components": sum(e["count"] for e in peer.values()) + peer_no_purl,
        "vouch_purls": len(vouch),
        "peer_purls": len(peer),
        "vouch_without_purl": vouch_no_purl,
        "peer_without_purl": peer_no_purl,
        "only_in_vouch": only_vouch,
        "only_in_peer": only_peer,
        "qualifier_only": qualifier_only,
        "qualifier_only_peer": sorted(p for p in only_peer if base(p) in vouch_bases),
        "hash_mismatches": mismatches,
    }


def main():
    manifest, sbom_dir, report_json, peer_name = sys.argv[1:5]
    rows = []
    with open(manifest) as f:
        for line in f:
            rel, lockfile, vouch_rc, peer_status, ident = line.rstrip("\n").split("\t")
            row = {"lockfile": f"{rel}/{lockfile}", "vouch_exit": int(vouch_rc), "peer": peer_status}
            vouch_bom = load(f"{sbom_dir}/{ident}.vouch.cdx.json") if vouch_rc == "0" else None
            peer_bom = load(f"{sbom_dir}/{ident}.peer.cdx.json") if peer_status.startswith("ok") else None
            if vouch_rc == "0" and vouch_bom is None:
                row["vouch_error"] = "exit 0 but no readable SBOM"
            if vouch_rc != "0":
                err = load_text(f"{sbom_dir}/{ident}.vouch.err")
                row["vouch_error"] = err.strip().splitlines()[-1] if err.strip() else ""
            if vouch_bom is not None and peer_bom is not None:
                row.update(compare(vouch_bom, peer_bom))
            elif vouch_bom is not None:
                row["vouch_purls"] = len(components(vouch_bom)[0])
            rows.append(row)
    with open(report_json, "w") as f:
        json.dump({"peer": peer_name, "rows": rows}, f, indent=1, sort_keys=True)
    print_report(rows, peer_name)


def load_text(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def print_report(rows, peer_name):
    compared = [r for r in rows if "only_in_vouch" in r]
    print(f"# vouch vs {peer_name}: component sets per lockfile\n")
    print(f"{len(rows)} lockfile folders; {peer_name} ok on "
          f"{sum(r['peer'] == 'ok' for r in rows)}, ok only with --ignore-npm-errors on "
          f"{sum(r['peer'].startswith('ok (') for r in rows)}, failed on "
          f"{sum(not r['peer'].startswith('ok') for r in rows)}; vouch exit 0 on "
          f"{sum(r['vouch_exit'] == 0 for r in rows)}. Compared: {len(compared)}; identical purl sets "
          f"and hashes: {sum(not (r['only_in_vouch'] or r['only_in_peer'] or r['hash_mismatches']) for r in compared)}.\n")
    print("| lockfile | peer | vouch exit | peer purls | vouch purls | only in vouch | only in peer | hash mismatches |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "only_in_vouch" in r:
            cells = [r["peer_purls"], r["vouch_purls"], len(r["only_in_vouch"]), len(r["only_in_peer"]),
                     len(r["hash_mismatches"])]
        else:
            cells = ["–", r.get("vouch_purls", "–"), "–", "–", "–"]
        print(f"| {r['lockfile']} | {r['peer']} | {r['vouch_exit']} | " + " | ".join(str(c) for c in cells) + " |")
    print("\n## Details\n")
    for r in rows:
        lines = []
        if r.get("vouch_error"):
            lines.append(f"- vouch: `{r['vouch_error']}`")
        for key, label in (("only_in_vouch", "only in vouch"), ("only_in_peer", "only in peer")):
            items = r.get(key) or []
            if items:
                shown = ", ".join(f"`{p}`" for p in items[:DETAIL_LIMIT])
                more = f" (+{len(items) - DETAIL_LIMIT} more)" if len(items) > DETAIL_LIMIT else ""
                lines.append(f"- {label} ({len(items)}): {shown}{more}")
        if r.get("qualifier_only"):
            lines.append(f"- of these, {len(r['qualifier_only'])} differ only in purl qualifiers")
        mismatches = r.get("hash_mismatches") or []
        if mismatches:
            kinds = defaultdict(int)
            for m in mismatches:
                kinds[m["kind"]] += 1
            shown = ", ".join(f"`{m['purl']}` ({m['kind']})" for m in mismatches[:DETAIL_LIMIT])
            lines.append(f"- hash mismatches ({dict(kinds)}): {shown}")
        if lines:
            print(f"### {r['lockfile']}\n")
            print("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
