// Helper of gen-semver-fixtures.sh: builds the case lists and asks node-semver for the answers.
'use strict'
const fs = require('fs')
const path = require('path')
const semver = require(process.env.SEMVER_ORACLE)
const outDir = process.argv[2]

const esc = s => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')

// Deterministic PRNG (mulberry32) so the fixture is reproducible.
let seed = 0x5eed1234
const rand = () => {
  seed |= 0; seed = seed + 0x6D2B79F5 | 0
  let t = Math.imul(seed ^ seed >>> 15, 1 | seed)
  t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t
  return ((t ^ t >>> 14) >>> 0) / 4294967296
}
const pick = a => a[Math.floor(rand() * a.length)]

const ranges = [
  // primitives and whitespace quirks
  '1.2.3', '=1.2.3', 'v1.2.3', '=v1.2.3', 'v=1.2.3', '>1.2.3', '>=1.2.3', '<1.2.3', '<=1.2.3',
  '> 1.2.3', '>= 1.2.3', '< 2.0.0', '<= 2.0.0', '= 1.2.3', '>=1.2.3 <2.0.0', '>= 1.2.3 < 2.0.0',
  '>=1.2.3, <2.0.0', '>=1.2.3,<2.0.0', '1.2.3 1.2.4', '> =1.2.3', '>= =1.2.3', '=>1.2.3', '=<1.2.3',
  '==1.2.3', '>>1.2.3', '<=>1.2.3', '!1.2.3', '!=1.2.3', '>1.2.3 <1.2.5', '>=1.2.3 <=1.2.3',
  '\t>=1.0.0\n<2.0.0', '\u00a0>=1.0.0\u00a0', '>=1.0.0\u3000<2.0.0', '  >=1.0.0   <2.0.0  ',
  '> 1.2.3 < 2', '>= v1.2.3', '>=v 1.2.3', '< =2.0.0', '<= v2',
  // hyphen ranges
  '1.2.3 - 2.3.4', '1.2 - 2.3', '1 - 2', '1.2.3 - 2', '1.2.3 - 2.3', '1.x - 2.x', '* - 2',
  '1.2.3 - *', '* - *', '1.2.3-beta - 2.0.0-rc.1', '1.2.3 - 2.0.0-rc.1', 'v1.2.3 - v2.0.0',
  '=1.2.3 - =2.0.0', '1.2.3 - 2.0.0 || 3.x', '1.2.3 - ', '- 1.2.3', '1.2.3 -2.0.0',
  '1.2.3- 2.0.0', '1.2.3  -  2.0.0', '>1.2.3 - 2', '1.2.x - 2', '1.0.0 - 1.0.0',
  '1.2.3 - 2.3.4 - 5', '0.0.0 - 0.0.0', '1.2.3+b - 2.0.0+c', '1 - 2 <1.5.0',
  // tilde
  '~1.2.3', '~1.2', '~1', '~0.2.3', '~0.0.3', '~>1.2.3', '~> 1.2', '~ 1.2.3', '~>  1.2.3',
  '~1.2.3-beta.2', '~1.2.x', '~1.x', '~*', '~', '~>', '~v1.2.3', '~=1.2.3', '~ > 1.2.3',
  '~1.2.3 || ~2.0', '~0.0.0', '~1.9007199254740991',
  // caret
  '^1.2.3', '^0.2.3', '^0.0.3', '^0.0', '^0', '^1.2', '^1', '^1.x', '^0.x', '^0.0.x',
  '^1.2.x', '^1.2.3-beta.2', '^0.0.3-beta', '^0.2.3-beta', '^ 1.2.3', '^*', '^', '^v1.2.3',
  '^=1.2.3', '^0.0.0', '^0.0.1-0', '^1.2.x-beta', '^~1.2.3', '~^1.2.3', '^1.2.3 ~1.2.4',
  '^1.2.3 || ^2.0.0', '^1.2.3||^2.0.0', ' ^1.2.3 ', '^9007199254740991.0.0', '^9007199254740990.0.0',
  '^0.9007199254740991.0', '^0.0.9007199254740991', '^1.0.0-0',
  // x-ranges and partials
  '1.x', '1.X', '1.*', '1.2.x', '1.2.*', '*', 'x', 'X', '', ' ', '1', '1.2', '>1', '>1.2',
  '>=1', '<1', '<=1', '<=1.2', '<1.2', '>*', '<*', '>=*', '<=*', '=*', '*.*.*', 'x.x.x', 'x.x',
  '1.x.3', 'x.1', '1.x.x', 'v1.x', '<=1.2.x', '>1.2.x', '<1.x', '>=1.x', '=1.x', '>1.x.x',
  '<=0.7.x', '1.2.x-beta', '>=*.1', '1.*.3', '*-beta', '**',
  // unions and special sets
  '1.2.3 || 2.x', '||', '|| 1.2.3', '1 || 2 || 3', '<0.0.0-0', '>=0.0.0', '>= 0.0.0',
  '* || 1.2.3-beta', '1.2.3-beta || *', '<0.0.0-0 || 1.2.3', '<0.0.0-0 || <0.0.0-0', '|||',
  '1.2.3 | 2.0.0', '>=1.0.0 || <0.0.0-0 >1.0.0', '>=0.0.0 <1.0.0', '* 1.2.3', '1.2.3 *',
  // build metadata, leading zeros, overflow, garbage
  '1.2.3+build', '1.2.3 +build', '>=1.2.3+build.1', '1.2.3+', '1.2.3+build+other', '+build',
  '01.2.3', '1.02.3', '1.2.03', '1.2.3-01', '1.2.3-0', '1.2.3-beta.01', '1.2.3-beta.1a',
  '1.2.3--', '1.2.3-+', '1.2.3-', '1.2.3a', '1.2.3.4', 'a.b.c', 'latest', 'next', 'npm:foo@1',
  '9007199254740991.0.0', '9007199254740992.0.0', '1.2.3-alpha', '=1.2.3-alpha',
  '>1.2.3-alpha <1.2.4', '<1.2.3-alpha.2', '>=1.2.3-alpha.1 <1.2.3', '<1.0.0-0',
  '>=1.0.0-0 <1.0.0', '>=1.2.3-beta.2 <1.3.0', '1.2.3-9007199254740991', '>=0.0.0-0',
  '1.2.3-x.y.z', '>=1.2.3-rc.1 <=1.2.3-rc.11', '1.0.0 - 2.0.0-0', 'http://x', 'git+ssh://x',
]

const versions = [
  '0.0.0', '0.0.1', '0.1.0', '0.2.3', '0.2.4', '0.3.0', '0.0.3', '0.0.4', '0.7.9', '0.8.0',
  '1.0.0', '1.2.2', '1.2.3', '1.2.4', '1.2.5', '1.3.0', '1.5.0', '1.9.9', '2.0.0', '2.3.4',
  '2.3.5', '3.0.0', '5.0.0', '1.2.3-alpha', '1.2.3-beta', '1.2.3-beta.2', '1.2.3-beta.11',
  '1.2.3-rc.1', '1.2.3-rc.11', '1.2.3-0', '1.2.4-alpha', '2.0.0-rc.1', '2.0.0-0', '1.0.0-0',
  '0.0.3-beta', '0.0.0-0', '1.3.0-0', 'v1.2.3', '=1.2.3', ' 1.2.3 ', '1.2.3+build', '1.2', '1',
  '01.2.3', '1.2.3-01', '9007199254740991.0.0', '9007199254740992.0.0', '1.2.3-9007199254740991',
  '1.2.3-99999999999999999999', '1.2.3.4', '', 'x', '1.2.3-x.y.z',
]

const satisfiesRows = []
const addCase = (v, r) => {
  let result, norm, vnorm
  try {
    const range = new semver.Range(r)
    norm = range.range
    result = String(range.test(v))
  } catch (e) {
    result = 'invalid'
    norm = '-'
  }
  try { vnorm = new semver.SemVer(v).version } catch (e) { vnorm = '-' }
  satisfiesRows.push([v, r, result, norm, vnorm].map(esc).join('\t'))
}
for (const r of ranges) {
  for (const v of versions) {
    addCase(v, r)
  }
}

// Random ranges and versions assembled from the same building blocks.
const parts = ['0', '1', '2', '3', '10', 'x', 'X', '*', '01', '9007199254740991', '9007199254740992']
const pres = ['', '', '', '-alpha', '-beta.1', '-0', '-rc.1', '-01', '-a-b', '-1a', '-', '-beta.1.x']
const builds = ['', '', '', '', '+build', '+b.1', '+', '+exp.sha.5114f85']
const ops = ['', '', '=', '>', '>=', '<', '<=', '~', '~>', '^', '> ', '>= ', '< ', '= ', '~ ', '^ ', 'v', '=v', '!']
const joins = [' ', ' ', ' ', ' || ', '||', ' - ', ',', '  ', '\t', ' | ', ', ', ' -']
const randomVersion = full => {
  const n = full ? 3 : 1 + Math.floor(rand() * 3)
  const nums = []
  for (let i = 0; i < n; i++) nums.push(full ? pick(['0', '1', '2', '3', '10']) : pick(parts))
  return nums.join('.') + (n === 3 || !full ? pick(pres) + pick(builds) : '')
}
const randomRange = () => {
  const count = 1 + Math.floor(rand() * 3)
  let s = ''
  for (let i = 0; i < count; i++) {
    if (i > 0) s += pick(joins)
    s += pick(ops) + randomVersion(false)
  }
  return s
}
const randomTestVersion = () => {
  const v = randomVersion(true)
  return rand() < 0.1 ? pick(['v', '=', ' ', '']) + v : v
}
for (let i = 0; i < 6000; i++) {
  addCase(randomTestVersion(), randomRange())
}
fs.writeFileSync(path.join(outDir, 'satisfies.tsv'), satisfiesRows.join('\n') + '\n')

// Precedence table: every pair from a list of valid versions, plus random prerelease pairs.
const ordered = [
  '0.0.0-0', '0.0.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta',
  '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.0+build', '1.0.1', '1.1.0',
  '2.0.0', '10.0.0', '1.0.0-1', '1.0.0-01a', '1.0.0--', '1.0.0-a-b', '1.0.0-A', '1.0.0-a',
  '1.0.0-9007199254740990', '1.0.0-9007199254740991', '1.0.0-9007199254740992',
  '1.0.0-99999999999999999998', '1.0.0-99999999999999999999', '1.0.0-99999999999999999999.a',
  '1.0.0-99999999999999999998.b', 'v1.0.0', '9007199254740991.0.0', '1.0.0-0.0', '1.0.0-0.a',
]
const compareRows = []
for (const a of ordered) {
  for (const b of ordered) {
    compareRows.push([a, b, String(semver.compare(a, b))].map(esc).join('\t'))
  }
}
const ids = ['0', '1', '2', '10', 'a', 'b', 'alpha', 'beta', 'A', '-', 'a1', '1a']
for (let i = 0; i < 1000; i++) {
  const mk = () => `1.${pick(['0', '1'])}.0` +
    (rand() < 0.8 ? '-' + Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(ids)).join('.') : '')
  const a = mk()
  const b = mk()
  compareRows.push([a, b, String(semver.compare(a, b))].map(esc).join('\t'))
}
fs.writeFileSync(path.join(outDir, 'compare.tsv'), compareRows.join('\n') + '\n')
console.log(`satisfies.tsv: ${satisfiesRows.length} rows; compare.tsv: ${compareRows.length} rows`)
