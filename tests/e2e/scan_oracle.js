#!/usr/bin/env node
// Independent oracle for tests/e2e/test_scan.sh: which corpus advisories affect which packages of
// a lockfile, computed with node-semver (the library npm itself uses) straight from the raw feed
// files, without any vouch code. Usage:
//   NODE_PATH=/usr/lib/node_modules/npm/node_modules node scan_oracle.js LOCKFILE ADVISORY_DIR
// Prints one line per vulnerability (records sharing an id or alias are one vulnerability; the
// printed id is GHSA if any, else CVE, else MAL, else the first id), sorted:
//   ID package@version
'use strict';
const fs = require('fs');
const path = require('path');
const semver = require('semver');

const [lockPath, advDir] = process.argv.slice(2);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));

// Installed packages: name from the entry or its last node_modules segment (aliases resolved by
// the entry's "name"); links, the root and workspace directories are not packages from a registry.
const installed = new Map(); // name -> Set(version)
for (const [loc, entry] of Object.entries(lock.packages || {})) {
  if (loc === '' || entry.link || !loc.includes('node_modules/')) continue;
  const name = entry.name || loc.slice(loc.lastIndexOf('node_modules/') + 13);
  if (!installed.has(name)) installed.set(name, new Set());
  installed.get(name).add(entry.version);
}

// OSV evaluation exactly as the schema's pseudo-code, with SemVer 2.0 precedence.
function osvAffected(version, affected) {
  if ((affected.versions || []).includes(version)) return true;
  for (let range of affected.ranges || []) {
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
    // GHSA data has partial versions ("introduced": "1.0"); read them as 1.0.0, as vouch does.
    const pad = (v) => (v !== undefined && v !== '0' && /^\d+(\.\d+)?$/.test(v) ? v + '.0'.repeat(3 - v.split('.').length) : v);
    range = { ...range, events: range.events.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, pad(v)]))) };
    const key = (e) => e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
    const cmp = (a, b) => (a === '0' ? (b === '0' ? 0 : -1) : b === '0' ? 1 : semver.compare(a, b));
    const limits = range.events.filter((e) => e.limit !== undefined);
    if (limits.length && !limits.some((e) => e.limit === '*' || semver.lt(version, e.limit))) continue;
    let vulnerable = false;
    for (const e of [...range.events].filter((e) => e.limit === undefined).sort((a, b) => cmp(key(a), key(b)))) {
      if (e.introduced !== undefined && (e.introduced === '0' || semver.gte(version, e.introduced))) vulnerable = true;
      else if (e.fixed !== undefined && semver.gte(version, e.fixed)) vulnerable = false;
      else if (e.last_affected !== undefined && semver.gt(version, e.last_affected)) vulnerable = false;
    }
    if (vulnerable) return true;
  }
  return false;
}

const records = []; // {ids: [...], pkg, test(version)}
function add(ids, pkg, test) { records.push({ ids: ids.filter(Boolean).map(String), pkg, test }); }
const ghsaOf = (url) => (String(url || '').match(/GHSA-[0-9a-z-]+/i) || [])[0];
const npmRange = (r) => (v) => semver.satisfies(v, r);
// GitHub GraphQL ">= 2.0.0, < 2.1.4" -> node-semver ">=2.0.0 <2.1.4"
const ghRange = (r) => r.split(',').map((s) => s.trim().replace(/\s+/g, '')).join(' ');

function walk(dir) {
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return fs.statSync(full).isDirectory() ? walk(full) : [full];
  });
}
for (const file of walk(advDir)) {
  if (!file.endsWith('.json')) continue;
  if (file.includes('withdrawn')) continue;
  let doc;
  try { doc = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { continue; }
  if (doc.affected && doc.id) { // OSV
    if (doc.withdrawn) continue;
    for (const a of doc.affected) {
      if (!a.package || a.package.ecosystem !== 'npm') continue;
      // docs/advisory-db.md: a reference to npmjs.com/advisories/N names the npm advisory NPM-N
      const npmRefs = (doc.references || []).map((r) => (String(r.url).match(/npmjs\.com\/advisories\/(\d+)/) || [])[1]).filter(Boolean).map((n) => 'NPM-' + n);
      add([doc.id, ...(doc.aliases || []), ...npmRefs], a.package.name, (v) => osvAffected(v, a));
    }
  } else if (doc.module_name && doc.vulnerable_versions) { // Node.js security WG
    add(['NSWG-ECO-' + doc.id, ...(doc.cves || [])], doc.module_name, npmRange(doc.vulnerable_versions));
  } else if (doc.advisories && typeof doc.advisories === 'object') { // npm quick audit
    for (const a of Object.values(doc.advisories)) {
      add(['NPM-' + a.id, ...(a.cves || []), a.github_advisory_id, ghsaOf(a.url)], a.module_name,
          npmRange(a.vulnerable_versions));
    }
  } else if (doc.data && doc.data.securityVulnerabilities) { // GraphQL edges
    for (const { node } of doc.data.securityVulnerabilities.edges) {
      const ids = node.advisory.identifiers.map((i) => i.value);
      add(ids, node.package.name, npmRange(ghRange(node.vulnerableVersionRange)));
    }
  } else if (doc.ghsaId && doc.vulnerabilities) { // one GraphQL advisory node
    if (doc.withdrawnAt) continue;
    for (const { node } of doc.vulnerabilities.edges) {
      if (node.package.ecosystem !== 'NPM') continue;
      add(doc.identifiers.map((i) => i.value), node.package.name,
          npmRange(ghRange(node.vulnerableVersionRange)));
    }
  } else if (!Array.isArray(doc) && Object.values(doc).every(Array.isArray)) { // npm bulk
    for (const [pkg, list] of Object.entries(doc)) {
      for (const a of list) {
        if (a && a.vulnerable_versions) add(['NPM-' + a.id, ghsaOf(a.url)], pkg, npmRange(a.vulnerable_versions));
      }
    }
  }
}

// Union-find over ids, as one vulnerability may come from several feeds. Two GHSA ids are never
// joined (a CVE shared by two GHSA advisories stays two vulnerabilities).
const parent = new Map();
const find = (x) => { while (parent.get(x) !== x) x = parent.get(x); return x; };
const ghsaIn = new Map(); // root -> GHSA id in its group
for (const r of records) for (const id of r.ids) if (!parent.has(id)) { parent.set(id, id); if (/^GHSA-/.test(id)) ghsaIn.set(id, id); }
for (const r of records) {
  const ghsas = r.ids.filter((i) => /^GHSA-/.test(i));
  const anchor = ghsas[0] || r.ids[0];
  for (const id of r.ids) {
    const a = find(anchor), b = find(id);
    if (a === b) continue;
    if (ghsaIn.get(a) && ghsaIn.get(b) && ghsaIn.get(a) !== ghsaIn.get(b)) continue;
    parent.set(b, a);
    if (!ghsaIn.get(a) && ghsaIn.get(b)) ghsaIn.set(a, ghsaIn.get(b));
  }
}
const groupIds = new Map();
for (const id of parent.keys()) { const g = find(id); if (!groupIds.has(g)) groupIds.set(g, []); groupIds.get(g).push(id); }
const rank = (id) => (/^GHSA-/.test(id) ? 0 : /^CVE-/.test(id) ? 1 : /^MAL-/.test(id) ? 2 : 3);
const preferred = (g) => groupIds.get(g).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))[0];

const out = new Set();
for (const r of records) {
  const versions = installed.get(r.pkg);
  if (!versions) continue;
  for (const v of versions) {
    if (semver.valid(v) && r.test(v)) out.add(preferred(find(r.ids[0])) + ' ' + r.pkg + '@' + v);
  }
}
if (out.size) console.log([...out].sort().join('\n'));
