// The client payload: what a browser downloads for an app of `wasm-auth/react` from the built
// package (pkg/), React itself excluded. esbuild resolves the module graph the way browser bundlers
// do (package "exports" under the browser conditions, so ./react is react.js, not the Node entry);
// every `new URL('...', import.meta.url)` in those modules adds its asset (the wasm). Prints raw
// and gzip -9 bytes for an app importing useAuth() alone (bundled: the 40 KB budget is its), one
// importing every hook and component (bundled), and a page loading the published files without
// a bundler, beside Clerk's headless browser entry.
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

// The apps measured: one that imports useAuth() alone (the budget's), one that imports every
// export of wasm-auth/react, the first again through wasm-auth/nextjs, each bundled as an app's bundler would (tree-shaken, minified, React
// left out), and a page that loads the published files without a bundler (an import map).
const APPS = {
  'useAuth()': `export { AuthProvider, useAuth } from '${name}/react'`,
  'every hook and component': `export * from '${name}/react'`,
  // A Next.js app's client components import them from wasm-auth/nextjs (its browser build
  // re-exports wasm-auth/react): it must cost what the useAuth() app costs, and --check says so.
  'useAuth() from /nextjs': `export { AuthProvider, useAuth } from '${name}/nextjs'`,
}

// Resolves `wasm-auth/react` as an app would, through node_modules/wasm-auth (build.mjs links it
// to pkg/); every other package (React) stays out of the count. `minify` bundles as an app's
// bundler does; without it, the module graph of the published files.
const external = new Set()
async function bundle(contents, minify) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    metafile: true,
    minify,
    format: 'esm',
    platform: 'browser', // conditions: browser, import, default
    target: 'esnext',
    outdir: join(root, 'target', 'size'),
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
  const modules = Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith('<stdin>'))
    .map((input) => join(root, input))
    .map((path) => (path.startsWith(pkg) ? path : join(pkg, relative(join(root, 'node_modules', name), path))))
  return { modules, code: result.outputFiles.find((f) => f.path.endsWith('.js'))?.contents }
}

// Every `new URL('...', import.meta.url)` in the modules is an asset the page fetches (the wasm).
const ASSET = /new\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g
function assetsOf(modules) {
  const assets = new Set()
  for (const path of modules) {
    for (const m of readFileSync(path, 'utf8').matchAll(ASSET)) {
      // URL semantics: 'x.wasm' and './x.wasm' both name the file beside the module.
      assets.add(fileURLToPath(new URL(m[1], pathToFileURL(path))))
    }
  }
  return [...assets]
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length
const row = (file, bytes) => ({ file, raw: bytes.length, gzip: gzip(bytes) })
// The client wasm: a file beside the JS, or the generated module that carries it (scripts/build.mjs).
const isWasm = (r) => r.file.endsWith('.wasm') || r.file.endsWith('_bg.inline.js')
function totals(rows) {
  const sum = (key, filter = () => true) => rows.filter(filter).reduce((n, r) => n + r[key], 0)
  return {
    raw: sum('raw'),
    gzip: sum('gzip'),
    wasm: { raw: sum('raw', isWasm), gzip: sum('gzip', isWasm) },
    js: { raw: sum('raw', (r) => !isWasm(r)), gzip: sum('gzip', (r) => !isWasm(r)) },
  }
}

const apps = {}
for (const [app, contents] of Object.entries(APPS)) {
  const { modules, code } = await bundle(contents, true)
  const rows = [row('app bundle (js)', code), ...assetsOf(modules).map((p) => row(relative(pkg, p), readFileSync(p)))]
  apps[app] = { rows, total: totals(rows) }
}
// The page without a bundler fetches the published files one by one.
const { modules } = await bundle(`import '${name}/react'`, false)
const pageRows = [...modules, ...assetsOf(modules)].map((path) => row(relative(pkg, path), readFileSync(path)))
pageRows.sort((a, b) => b.gzip - a.gzip)
apps['a page without a bundler'] = { rows: pageRows, total: totals(pageRows) }
// The budget holds for the app that imports useAuth() alone: the rest costs only who uses it.
const { rows, total } = apps['useAuth()']

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      { entry: `${name}/react`, files: rows, total, apps, target: TARGET, clerk: CLERK, external: [...external] },
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
  for (const [app, { rows, total }] of Object.entries(apps)) {
    console.log(`\n${app}`)
    line('file', 'raw', 'gzip -9')
    for (const r of rows) line(r.file, n(r.raw), n(r.gzip))
    line('  wasm', n(total.wasm.raw), n(total.wasm.gzip))
    line('  js', n(total.js.raw), n(total.js.gzip))
    line('total', n(total.raw), n(total.gzip))
  }
  console.log(`\nthe budget is the useAuth() app's:`)
  const verdict = total.gzip <= TARGET ? 'within' : `over by ${kb(total.gzip - TARGET)}`
  console.log(`total ${kb(total.gzip)} gzip: target ${kb(TARGET)} (${verdict}); Clerk's clerk.browser.js ${kb(CLERK)}`)
}

if (process.argv.includes('--map')) sizeMap()

// The same code, byte for byte in length: gzip may still differ by a few bytes, as the bundler
// orders and names the same modules differently.
const throughNext = apps['useAuth() from /nextjs'].total
if (process.argv.includes('--check') && throughNext.raw > total.raw) {
  console.error(
    `\nsize: FAILED: useAuth() through ${name}/nextjs is ${throughNext.raw - total.raw} bytes larger than ` +
      `through ${name}/react; the Next.js client entry must only re-export.`,
  )
  process.exit(1)
}

if (process.argv.includes('--check') && total.gzip > TARGET) {
  const kb = (v) => `${(v / KB).toFixed(1)} KB`
  console.error(
    `\nsize: FAILED: the ${name}/react browser payload is ${kb(total.gzip)} gzip, over the ${kb(TARGET)} budget by ` +
      `${(total.gzip - TARGET).toLocaleString('en-US')} bytes. \`node scripts/size.mjs --map\` shows where the bytes go.`,
  )
  process.exit(1)
}
