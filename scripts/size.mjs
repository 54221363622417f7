// The client payload: what a browser downloads for `import ... from 'wasm-auth/react'` from the
// built package (pkg/), React itself excluded. esbuild resolves the module graph the way browser
// bundlers do (package "exports" under the browser conditions, so ./react is react.js, not the
// Node entry); every `new URL('...', import.meta.url)` in those modules adds its asset (the wasm).
// Prints raw and gzip -9 bytes per file and in total, against the 40 KB target and
// Clerk's headless browser entry. Files are counted as published, one by one, as a page that
// loads the package without a bundler fetches them.
//
//   node scripts/size.mjs          table
//   node scripts/size.mjs --json   the same figures as JSON
//   node scripts/size.mjs --map    the table, then where the wasm's bytes go (scripts/size-map.mjs:
//                                  rebuilds the client wasm with names kept, under target/size-map)
//   node scripts/size.mjs --check  exits 1, loudly, when the total is over the budget
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { sizeMap } from './size-map.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = join(root, 'pkg')
const KB = 1000 // the budget is read strictly: 40 KB = 40,000 bytes
const TARGET = 40 * KB
const CLERK = 84 * KB // @clerk/clerk-js clerk.browser.js, gzip

if (!existsSync(join(pkg, 'package.json'))) {
  console.error('size: pkg/ is not built; run `npm run build` first')
  process.exit(1)
}
const { name } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'))

// Resolve `wasm-auth/react` as an app would, through node_modules/wasm-auth (build.mjs links it
// to pkg/); every other package (React) stays out of the count.
const external = new Set()
const { metafile } = await build({
  stdin: { contents: `import '${name}/react'`, resolveDir: root, loader: 'js' },
  bundle: true,
  write: false,
  metafile: true,
  format: 'esm',
  platform: 'browser', // conditions: browser, import, default
  target: 'esnext',
  logLevel: 'silent',
  plugins: [
    {
      name: 'other-packages-external',
      setup(b) {
        b.onResolve({ filter: /^[^./#]/ }, (args) => {
          if (args.path === name || args.path.startsWith(`${name}/`)) return undefined
          external.add(args.path)
          return { path: args.path, external: true }
        })
      },
    },
  ],
})

const modules = Object.keys(metafile.inputs)
  .filter((input) => !input.startsWith('<stdin>'))
  .map((input) => join(root, input))
  .map((path) => (path.startsWith(pkg) ? path : join(pkg, relative(join(root, 'node_modules', name), path))))
const ASSET = /new\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g
const assets = new Set()
for (const path of modules) {
  for (const m of readFileSync(path, 'utf8').matchAll(ASSET)) {
    // URL semantics: 'x.wasm' and './x.wasm' both name the file beside the module.
    assets.add(fileURLToPath(new URL(m[1], pathToFileURL(path))))
  }
}

const rows = [...modules, ...assets].map((path) => {
  const bytes = readFileSync(path)
  return { file: relative(pkg, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
})
rows.sort((a, b) => b.gzip - a.gzip)
const sum = (key, filter = () => true) => rows.filter(filter).reduce((n, r) => n + r[key], 0)
// The client wasm comes inside a generated module (scripts/build.mjs), or as a file beside one.
const isWasm = (r) => r.file.endsWith('.wasm') || r.file.endsWith('_bg.inline.js')
const total = {
  raw: sum('raw'),
  gzip: sum('gzip'),
  wasm: { raw: sum('raw', isWasm), gzip: sum('gzip', isWasm) },
  js: { raw: sum('raw', (r) => !isWasm(r)), gzip: sum('gzip', (r) => !isWasm(r)) },
}

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      { entry: `${name}/react`, files: rows, total, target: TARGET, clerk: CLERK, external: [...external] },
      null,
      2,
    ),
  )
} else {
  const n = (v) => v.toLocaleString('en-US')
  const kb = (v) => `${(v / KB).toFixed(1)} KB`
  const line = (a, b, c) => console.log(`${a.padEnd(24)}${b.padStart(10)}${c.padStart(10)}`)
  console.log(
    `client payload of ${name}/react (browser conditions; not counted: ${[...external].join(', ') || 'nothing'})`,
  )
  line('file', 'raw', 'gzip -9')
  for (const r of rows) line(r.file, n(r.raw), n(r.gzip))
  line('  wasm', n(total.wasm.raw), n(total.wasm.gzip))
  line('  js', n(total.js.raw), n(total.js.gzip))
  line('total', n(total.raw), n(total.gzip))
  const verdict = total.gzip <= TARGET ? 'within' : `over by ${kb(total.gzip - TARGET)}`
  console.log(`total ${kb(total.gzip)} gzip: target ${kb(TARGET)} (${verdict}); Clerk's clerk.browser.js ${kb(CLERK)}`)
}

if (process.argv.includes('--map')) sizeMap()

if (process.argv.includes('--check') && total.gzip > TARGET) {
  const kb = (v) => `${(v / KB).toFixed(1)} KB`
  console.error(
    `\nsize: FAILED: the ${name}/react browser payload is ${kb(total.gzip)} gzip, over the ${kb(TARGET)} budget by ` +
      `${(total.gzip - TARGET).toLocaleString('en-US')} bytes. \`node scripts/size.mjs --map\` shows where the bytes go.`,
  )
  process.exit(1)
}
