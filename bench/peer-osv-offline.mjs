// The offline peer for bench/bench-scan.sh: Renovate's @renovatebot/osv-offline (npm registry)
// looks up each package of a lockfile in a local OSV database (npm.nedb, one OSV record per line,
// indexed by package name at start-up), and node-semver evaluates the OSV events, which is how
// Renovate uses it. Usage (OSV_OFFLINE_ROOT_DIR holds npm.nedb; downloads disabled):
//   OSV_OFFLINE_DISABLE_DOWNLOAD=true OSV_OFFLINE_ROOT_DIR=DIR node peer-osv-offline.mjs LOCKFILE
// Prints the number of (advisory, package@version) findings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(process.env.PEER_DIR + '/');
const { OsvOffline } = await import(require.resolve('@renovatebot/osv-offline'));
const semver = require('semver');

const lock = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const installed = new Map();
for (const [loc, entry] of Object.entries(lock.packages || {})) {
  if (loc === '' || entry.link || !loc.includes('node_modules/')) continue;
  const name = entry.name || loc.slice(loc.lastIndexOf('node_modules/') + 13);
  if (!installed.has(name)) installed.set(name, new Set());
  installed.get(name).add(entry.version);
}
function affected(version, a) {
  if ((a.versions || []).includes(version)) return true;
  for (const r of a.ranges || []) {
    if (r.type !== 'SEMVER' && r.type !== 'ECOSYSTEM') continue;
    let hit = false;
    for (const e of r.events) {
      const v = e.introduced ?? e.fixed ?? e.last_affected;
      if (v === undefined || (v !== '0' && !semver.valid(v))) continue;
      if (e.introduced !== undefined && (v === '0' || semver.gte(version, v))) hit = true;
      else if (e.fixed !== undefined && semver.gte(version, v)) hit = false;
      else if (e.last_affected !== undefined && semver.gt(version, v)) hit = false;
    }
    if (hit) return true;
  }
  return false;
}
const db = await OsvOffline.create();
let findings = 0;
for (const [name, versions] of installed) {
  const vulns = await db.getVulnerabilities('npm', name);
  for (const vuln of vulns) {
    for (const v of versions) {
      if (semver.valid(v) && vuln.affected.some((a) => a.package.name === name && affected(v, a))) findings++;
    }
  }
}
db[Symbol.dispose]();
console.log(findings);
