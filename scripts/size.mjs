// The client payload: what a browser downloads for `import ... from 'wasm-auth/react'` from the
// built package (pkg/), React itself excluded. Starting at the file package.json "exports" gives
// for ./react under the browser conditions, it follows every static and dynamic import, resolves
// package "imports" (#load) with the same conditions, and counts each
// `new URL('...', import.meta.url)` asset (the wasm). Prints raw and gzip -9 bytes per file and in
// total, against the 40 KB target (issue 6) and Clerk's headless browser entry.
//
//   node scripts/size.mjs          table
//   node scripts/size.mjs --json   the same figures as JSON
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = join(root, 'pkg')
const KB = 1000 // the budget is read strictly: 40 KB = 40,000 bytes
const TARGET = 40 * KB
const CLERK = 84 * KB // @clerk/clerk-js clerk.browser.js, gzip (issue 6)
const CONDITIONS = ['browser', 'import', 'default'] // what Vite, webpack and esbuild use for browsers

if (!existsSync(join(pkg, 'package.json'))) {
  console.error('size: pkg/ is not built; run `npm run build` first')
  process.exit(1)
}
const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'))

/** Resolves an exports/imports target under CONDITIONS (first matching key, in object order). */
function pick(target) {
  if (typeof target === 'string') return target
  if (Array.isArray(target)) return target.map(pick).find(Boolean)
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (CONDITIONS.includes(key)) {
        const found = pick(value)
        if (found) return found
      }
    }
  }
  return undefined
}

function resolve(specifier, from) {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return join(dirname(from), specifier)
  if (specifier.startsWith('#')) {
    const target = pick(manifest.imports?.[specifier])
    if (!target) throw new Error(`size: ${specifier} has no browser target in pkg/package.json "imports"`)
    return join(pkg, target)
  }
  if (specifier === manifest.name || specifier.startsWith(`${manifest.name}/`)) {
    const target = pick(manifest.exports?.[`.${specifier.slice(manifest.name.length)}`])
    return join(pkg, target)
  }
  return null // a bare specifier of another package (react): not ours, not counted
}

// import x from '...', import '...', export ... from '...', import('...')
const IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*$\s{},]*?\s*from\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g
const ASSET = /new\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g

function reachable(entry) {
  const files = new Map() // path -> bytes, in discovery order
  const external = new Set()
  const queue = [entry]
  while (queue.length) {
    const file = queue.shift()
    if (files.has(file)) continue
    const bytes = readFileSync(file)
    files.set(file, bytes)
    if (!file.endsWith('.js') && !file.endsWith('.mjs')) continue
    const text = bytes.toString('utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '')
    for (const m of text.matchAll(IMPORT)) {
      const specifier = m[1] ?? m[2]
      const path = resolve(specifier, file)
      if (path) queue.push(path)
      else external.add(specifier)
    }
    // URL semantics: 'x.wasm' and './x.wasm' both name the file beside this one.
    for (const m of text.matchAll(ASSET)) queue.push(fileURLToPath(new URL(m[1], pathToFileURL(file))))
  }
  return { files, external }
}

const entry = resolve('wasm-auth/react', pkg)
const { files, external } = reachable(entry)
const rows = [...files].map(([path, bytes]) => ({
  file: relative(pkg, path),
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
}))
rows.sort((a, b) => b.gzip - a.gzip)
const sum = (key, filter = () => true) => rows.filter(filter).reduce((n, r) => n + r[key], 0)
const isWasm = (r) => r.file.endsWith('.wasm')
const total = {
  raw: sum('raw'),
  gzip: sum('gzip'),
  wasm: { raw: sum('raw', isWasm), gzip: sum('gzip', isWasm) },
  js: { raw: sum('raw', (r) => !isWasm(r)), gzip: sum('gzip', (r) => !isWasm(r)) },
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ entry: 'wasm-auth/react', files: rows, total, target: TARGET, clerk: CLERK, external: [...external] }, null, 2))
} else {
  const n = (v) => v.toLocaleString('en-US')
  const kb = (v) => `${(v / KB).toFixed(1)} KB`
  const line = (a, b, c) => console.log(`${a.padEnd(24)}${b.padStart(10)}${c.padStart(10)}`)
  console.log(`client payload of wasm-auth/react (browser conditions; not counted: ${[...external].join(', ') || 'nothing'})`)
  line('file', 'raw', 'gzip -9')
  for (const r of rows) line(r.file, n(r.raw), n(r.gzip))
  line('  wasm', n(total.wasm.raw), n(total.wasm.gzip))
  line('  js', n(total.js.raw), n(total.js.gzip))
  line('total', n(total.raw), n(total.gzip))
  const verdict = total.gzip <= TARGET ? 'within' : `over by ${kb(total.gzip - TARGET)}`
  console.log(`total ${kb(total.gzip)} gzip: target ${kb(TARGET)} (${verdict}); Clerk's clerk.browser.js ${kb(CLERK)}`)
}
