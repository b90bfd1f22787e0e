#!/usr/bin/env bash
# The bundled example (examples/nextjs-shop, what scripts/demo.sh runs): its lockfile is a real
# npm v3 lockfile in sync with its package.json, vouch turns it into a complete SBOM, and the
# runtime set (--omit dev) is exactly the lockfile's non-dev entries, react and react-dom included.
# Schema validation runs when the shared schemas are beside the checkout.
. "$(dirname "$0")/lib.sh"
shop="$VOUCH_SOURCE_DIR/examples/nextjs-shop"

run /usr/bin/python3 - "$shop" <<'PY'
import json, sys
shop = sys.argv[1]
pkg = json.load(open(f"{shop}/package.json"))
lock = json.load(open(f"{shop}/package-lock.json"))
root = lock["packages"][""]
problems = []
if lock.get("lockfileVersion") != 3:
    problems.append(f"lockfileVersion {lock.get('lockfileVersion')}, expected 3")
for field in ("dependencies", "devDependencies"):
    if pkg.get(field, {}) != root.get(field, {}):
        problems.append(f"package.json {field} differ from the lockfile root entry (re-run npm install --package-lock-only)")
for name in list(pkg.get("dependencies", {})) + list(pkg.get("devDependencies", {})):
    if f"node_modules/{name}" not in lock["packages"]:
        problems.append(f"{name} not installed in the lockfile")
print("; ".join(problems) if problems else f"{len(lock['packages']) - 1} packages, in sync")
sys.exit(1 if problems else 0)
PY
expect_rc 0 "example lockfile is v3 and in sync with package.json ($OUT)"

run "$VOUCH" sbom "$shop" -o "$TMP/shop.cdx.json"
expect_rc 0 "vouch sbom examples/nextjs-shop"
run "$VOUCH" sbom "$shop" --format spdx -o "$TMP/shop.spdx.json"
expect_rc 0 "vouch sbom examples/nextjs-shop --format spdx"
run "$VOUCH" sbom "$shop" --omit dev -o "$TMP/shop-prod.cdx.json"
expect_rc 0 "vouch sbom examples/nextjs-shop --omit dev"

run /usr/bin/python3 - "$shop/package-lock.json" "$TMP/shop.cdx.json" "$TMP/shop-prod.cdx.json" <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))["packages"]
def key(path, e):
    return (e.get("name") or path.rsplit("node_modules/", 1)[-1], e["version"])
every = {key(p, e) for p, e in lock.items() if p}
prod = {key(p, e) for p, e in lock.items() if p and not e.get("dev")}
def comps(path):
    bom = json.load(open(path))
    return {((c["group"] + "/" if c.get("group") else "") + c["name"], c["version"]) for c in bom["components"]}, bom
got_all, bom = comps(sys.argv[2])
got_prod, _ = comps(sys.argv[3])
problems = []
if got_all != every:
    problems.append(f"full SBOM: missing {sorted(every - got_all)[:3]}, extra {sorted(got_all - every)[:3]}")
if got_prod != prod:
    problems.append(f"--omit dev: missing {sorted(prod - got_prod)[:3]}, extra {sorted(got_prod - prod)[:3]}")
names = {n for n, _ in got_prod}
for needed in ("next", "react", "react-dom", "zod", "clsx", "swr"):
    if needed not in names:
        problems.append(f"{needed} missing from the runtime SBOM")
if any("typescript" == n for n, _ in got_prod):
    problems.append("typescript (dev) in the runtime SBOM")
hashed = sum(1 for c in bom["components"] if any(h["alg"] == "SHA-512" for h in c.get("hashes", [])))
if hashed != len(bom["components"]):
    problems.append(f"only {hashed} of {len(bom['components'])} components carry a SHA-512")
if bom["metadata"]["component"]["name"] != "nextjs-shop":
    problems.append("root component is not nextjs-shop")
print("; ".join(problems) if problems else f"{len(got_all)} components, {len(got_prod)} at runtime, all with SHA-512")
sys.exit(1 if problems else 0)
PY
expect_rc 0 "example SBOM complete, runtime set exact ($OUT)"

# The schemas are vendored (tests/data/schemas), so this runs in every CI.
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  run /usr/bin/python3 "$VOUCH_SOURCE_DIR/scripts/validate-sbom.py" --schemas "$VOUCH_SOURCE_DIR/tests/data/schemas" \
    --quiet "$TMP/shop.cdx.json" "$TMP/shop.spdx.json" "$TMP/shop-prod.cdx.json"
  expect_rc 0 "example SBOMs are schema-valid ($OUT)"
else
  fail "Debian's python3-jsonschema is missing for /usr/bin/python3 (bash scripts/install-deps.sh)"
fi
finish
