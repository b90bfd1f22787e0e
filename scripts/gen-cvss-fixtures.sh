#!/usr/bin/env bash
# Regenerates tests/data/cvss/oracle.tsv: CVSS vectors scored by an independent implementation,
# the npm package ae-cvss-calculator (v3.1 base scores; v4.0 CVSS-BTE scores). Needs node >= 18:
#   mkdir -p /tmp/cvss-oracle && (cd /tmp/cvss-oracle && npm install ae-cvss-calculator@1.0.13)
#   CVSS_ORACLE=/tmp/cvss-oracle/node_modules/ae-cvss-calculator scripts/gen-cvss-fixtures.sh
# Rows: vector TAB score. Every v3.1 base vector is listed; v4.0 vectors are drawn with a fixed
# seed (base metrics plus a growing share of threat/environmental metrics), so reruns match.
set -euo pipefail
cd "$(dirname "$0")/.."
oracle=${CVSS_ORACLE:-/tmp/cvss-oracle/node_modules/ae-cvss-calculator}
[ -f "$oracle/package.json" ] || { echo "ae-cvss-calculator not found at $oracle (see header)" >&2; exit 2; }
CVSS_ORACLE=$oracle node - tests/data/cvss/oracle.tsv <<'JS'
'use strict'
const fs = require('fs')
const c = require(process.env.CVSS_ORACLE)
let seed = 0xc0ffee
const rand = () => {
  seed |= 0; seed = seed + 0x6D2B79F5 | 0
  let t = Math.imul(seed ^ seed >>> 15, 1 | seed)
  t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t
  return ((t ^ t >>> 14) >>> 0) / 4294967296
}
const pick = s => s[Math.floor(rand() * s.length)]
const rows = []
for (const av of 'NALP') for (const ac of 'LH') for (const pr of 'NLH') for (const ui of 'NR')
  for (const s of 'UC') for (const cc of 'HLN') for (const i of 'HLN') for (const a of 'HLN') {
    const v = `CVSS:3.1/AV:${av}/AC:${ac}/PR:${pr}/UI:${ui}/S:${s}/C:${cc}/I:${i}/A:${a}`
    rows.push(`${v}\t${new c.Cvss3P1(v).calculateScores().base}`)
  }
const base4 = { AV: 'NALP', AC: 'LH', AT: 'NP', PR: 'NLH', UI: 'NPA', VC: 'HLN', VI: 'HLN',
  VA: 'HLN', SC: 'HLN', SI: 'HLN', SA: 'HLN' }
const extra4 = { E: 'XAPU', CR: 'XHML', IR: 'XHML', AR: 'XHML', MAV: 'XNALP', MAC: 'XLH',
  MAT: 'XNP', MPR: 'XNLH', MUI: 'XNPA', MVC: 'XHLN', MVI: 'XHLN', MVA: 'XHLN', MSC: 'XHLN',
  MSI: 'XSHLN', MSA: 'XSHLN' }
for (let n = 0; n < 4000; n++) {
  let v = 'CVSS:4.0'
  for (const [k, vals] of Object.entries(base4)) v += `/${k}:${pick(vals)}`
  const share = n < 1500 ? 0 : n < 3000 ? 0.3 : 0.8
  for (const [k, vals] of Object.entries(extra4)) if (rand() < share) v += `/${k}:${pick(vals)}`
  rows.push(`${v}\t${new c.Cvss4P0(v).calculateScores().overall}`)
}
fs.writeFileSync(process.argv[2], rows.join('\n') + '\n')
console.log(`oracle.tsv: ${rows.length} rows`)
JS
