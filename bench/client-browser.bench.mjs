// The browser build in headless Chromium: the client wasm (built for size) that wasm-auth/react
// ships, timed where it runs. has() on the workload of has.bench.mjs, decodeJwt +
// authObjectFromClaims on the tokens of decode.bench.mjs, and cached getToken() against the dev
// auth server, signed in (no request leaves the page). Node's benchmarks time the server build.
import { launchChromium } from '../tests/support/browser.mjs'
import { serveStatic } from '../tests/support/static-server.mjs'
import { startTestAuthServer } from '../tests/support/auth-server.mjs'
import { options, params } from './has-cases.mjs'
import { makeTokens } from './tokens.mjs'

// BENCH_PKG=<folder under the repo> times another build of the package (e.g. a copy of pkg/ from
// before a change) with the same page.
const PKG = process.env.BENCH_PKG ?? 'pkg'
const PAGE = `<!doctype html>
<script type="importmap">{ "imports": { "wasm-auth": "/${PKG}/index.js" } }</script>
<script type="module">
  import { authObjectFromClaims, createAuthClient, createCheckAuthorization, decodeJwt } from 'wasm-auth'
  import { memory } from '/${PKG}/wasm.js'
  // The wasm's linear memory: it only grows, so its size after all the loops is the peak.
  window.memoryKb = () => memory.buffer.byteLength / 1024
  // Median of 7 rounds of n calls, in ns per call (performance.now() is coarse: rounds are long).
  async function time(n, fn) {
    const rounds = []
    let sink = 0
    for (let round = 0; round < 7; round++) {
      const start = performance.now()
      for (let i = 0; i < n; i++) if (await fn(i)) sink++
      rounds.push(((performance.now() - start) * 1e6) / n)
    }
    rounds.sort((a, b) => a - b)
    return { median: rounds[3], min: rounds[0], sink }
  }
  window.measureCore = async (options, params, tokens) => {
    const has = createCheckAuthorization(options)
    const hits = params.filter((p) => has(p)).length
    // has() and decoding are synchronous: the loops below await nothing.
    const sync = (n, fn) => {
      const rounds = []
      for (let round = 0; round < 7; round++) {
        const start = performance.now()
        for (let i = 0; i < n; i++) fn(i)
        rounds.push(((performance.now() - start) * 1e6) / n)
      }
      rounds.sort((a, b) => a - b)
      return { median: rounds[3], min: rounds[0] }
    }
    return {
      hits,
      has: sync(200_000, (i) => has(params[i % params.length])),
      decode: sync(50_000, (i) => authObjectFromClaims(decodeJwt(tokens[i % tokens.length]).payload).userId),
    }
  }
  window.measureToken = async (frontendApi) => {
    await fetch(frontendApi + '/dev/sign-in', { method: 'POST', credentials: 'include',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'user_alice' }) })
    const client = createAuthClient({ frontendApi })
    await client.load()
    const session = await time(20_000, () => client.getToken())
    const templ = await client.getToken({ template: 'supabase' })
    const template = await time(20_000, () => client.getToken({ template: 'supabase' }))
    return { session, template, ok: Boolean(templ) }
  }
  window.ready = true
</script>`

const { tokens } = await makeTokens(16)
const web = await serveStatic({ pages: { '/bench.html': PAGE } })
const auth = await startTestAuthServer()
const browser = await launchChromium()
const row = (label, r, unit = 'ns') => {
  const v = (ns) => (unit === 'µs' ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`)
  console.log(`  ${label.padEnd(44)} median ${v(r.median).padStart(9)}  (best round ${v(r.min)})`)
}
try {
  const page = await browser.newPage()
  await page.goto(`${web.url}/bench.html`)
  await page.waitForFunction(() => window.ready)
  const memoryAtStart = await page.evaluate(() => window.memoryKb())
  const core = await page.evaluate(([o, p, t]) => window.measureCore(o, p, t), [options, params, tokens])
  console.log(`the browser build (client wasm, ${PKG}/) in Chromium, per call:`)
  row(`has(), ${params.length} params (${core.hits} true)`, core.has)
  row('decodeJwt + authObjectFromClaims', core.decode)
  const before = await auth.stats()
  const r = await page.evaluate((url) => window.measureToken(url), auth.url)
  const after = await auth.stats()
  row('cached getToken() (await included)', r.session, 'µs')
  row('cached getToken({ template })', r.template, 'µs')
  console.log(
    `  token requests during 280,000 cached calls: ${after.tokens + after.templateTokens - before.tokens - before.templateTokens - 1} (1 template fetch excluded)`,
  )
  const memoryAtEnd = await page.evaluate(() => window.memoryKb())
  console.log(`  wasm memory: ${memoryAtStart} KiB at start, ${memoryAtEnd} KiB after every loop above`)
} finally {
  await browser.close()
  await auth.stop()
  await web.close()
}
