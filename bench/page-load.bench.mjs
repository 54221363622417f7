// From navigation to `isLoaded: true` in headless Chromium: a page imports wasm-auth (the browser
// entry, its shared module and its wasm, however the build ships it), creates a client of the dev
// auth server and loads it; once without a bundler (the package's files as they are), once
// bundled by esbuild into one file (a `.wasm` the build fetches is copied beside it). Printed per build, median of the rounds
// (best round): when the import returned (the API answers from then on) and when the state was
// loaded, in ms after navigation start. Each round is a fresh browser context (nothing cached),
// served gzip -9 as a CDN would, once over the loopback and once over an emulated network
// (50 ms round trip, 10 Mbit/s down: what a phone on a good 4G link sees).
//
// BENCH_PKG=target/pkg-before,pkg (folders under the repo) compares builds, round by round in turn.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { launchChromium } from '../tests/support/browser.mjs'
import { startTestAuthServer } from '../tests/support/auth-server.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const PKGS = (process.env.BENCH_PKG ?? 'pkg').split(',')
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
const NETWORKS = [
  ['loopback', null],
  ['50 ms, 10 Mbit/s', { offline: false, latency: 50, downloadThroughput: 1_250_000, uploadThroughput: 625_000 }],
]

const script = (from, api) => `
  import { createAuthClient } from '${from}'
  const imported = performance.now()
  const client = createAuthClient({ frontendApi: ${JSON.stringify(api)} })
  await client.load()
  window.times = { imported, isLoaded: client.getState().isLoaded && performance.now() }`
const page = (src, inline) =>
  `<!doctype html><link rel="icon" href="data:,"><script type="module"${src ? ` src="${src}">` : `>${inline}`}</script>`

// Each build's page bundled by esbuild into target/bench-page-load/<n>/app.js.
async function bundle(pkg, n, api) {
  const dir = join(root, 'target', 'bench-page-load', String(n))
  mkdirSync(dir, { recursive: true })
  await build({
    stdin: { contents: script(join(root, pkg, 'index.js'), api), resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    minify: true,
    outfile: join(dir, 'app.js'),
    logLevel: 'error',
  })
  const wasm = join(root, pkg, 'wasm_auth_bg.wasm')
  if (existsSync(wasm) && !existsSync(join(root, pkg, 'wasm_auth_bg.inline.js')))
    copyFileSync(wasm, join(dir, 'wasm_auth_bg.wasm'))
  return `/target/bench-page-load/${n}/`
}

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' }
const zipped = new Map()
function serve(api, bundled) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname
    const pkg = PKGS.find((p) => path === `/${p}/`)
    const app = bundled.find((b) => path === b)
    try {
      const body = pkg
        ? Buffer.from(page(null, script(`/${pkg}/index.js`, api)))
        : app
          ? Buffer.from(page(`${app}app.js`))
          : await readFile(join(root, path))
      if (!zipped.has(path)) zipped.set(path, gzipSync(body, { level: 9 }))
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'], 'content-encoding': 'gzip' })
      res.end(zipped.get(path))
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

const auth = await startTestAuthServer()
const bundled = await Promise.all(PKGS.map((pkg, n) => bundle(pkg, n, auth.url)))
const server = await serve(auth.url, bundled)
const browser = await launchChromium()
const base = `http://127.0.0.1:${server.address().port}`
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
try {
  console.log(
    `page load (${ROUNDS} rounds, fresh context each, gzip -9): import returned / isLoaded, ms after navigation`,
  )
  for (const [name, conditions] of NETWORKS) {
    const pages = PKGS.flatMap((pkg, i) => [
      [`${pkg}, no bundler`, `/${pkg}/`],
      [`${pkg}, bundled`, bundled[i]],
    ])
    const samples = pages.map(() => ({ imported: [], isLoaded: [] }))
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [label, path]] of pages.entries()) {
        const context = await browser.newContext()
        const tab = await context.newPage()
        if (conditions) {
          const cdp = await context.newCDPSession(tab)
          await cdp.send('Network.enable')
          await cdp.send('Network.emulateNetworkConditions', conditions)
        }
        await tab.goto(`${base}${path}`)
        const times = await (await tab.waitForFunction(() => window.times, null, { timeout: 30_000 })).jsonValue()
        if (!times.isLoaded) throw new Error(`${label}: the client did not load`)
        samples[i].imported.push(times.imported)
        samples[i].isLoaded.push(times.isLoaded)
        await context.close()
      }
    }
    for (const [i, [label]] of pages.entries()) {
      const { imported, isLoaded } = samples[i]
      const show = (xs) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)})`
      console.log(`  ${name.padEnd(18)}${label.padEnd(32)}${show(imported).padStart(16)}${show(isLoaded).padStart(16)}`)
    }
  }
} finally {
  await browser.close()
  server.close()
  await auth.stop()
}
