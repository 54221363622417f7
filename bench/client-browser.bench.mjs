// The browser build in headless Chromium: the client wasm (built for size) that wasm-auth/react
// ships, timed where it runs. has() on the workload of has.bench.mjs, decodeJwt +
// authObjectFromClaims on the tokens of decode.bench.mjs, and cached getToken() against the dev
// auth server, signed in (no request leaves the page). Node's benchmarks time the server build.
//
// BENCH_PKG=pkg,target/pkg-before (folders under the repo) times several builds of the package in
// the same page, round by round in turn, so that a comparison does not hang on the machine's load
// at one moment: each build is its own module graph with its own wasm instance.
import { launchChromium } from '../tests/support/browser.mjs'
import { serveStatic } from '../tests/support/static-server.mjs'
import { startTestAuthServer } from '../tests/support/auth-server.mjs'
import { options, params } from './has-cases.mjs'
import { makeTokens } from './tokens.mjs'

const PKGS = (process.env.BENCH_PKG ?? 'pkg').split(',')
// Many short rounds: the best and the median round of each build resist a machine busy elsewhere.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25)

const PAGE = `<!doctype html>
<script type="module">
  const builds = []
  window.load = async (pkgs) => {
    for (const pkg of pkgs) {
      const api = await import('/' + pkg + '/index.js')
      // The wasm registry: in internal.js, the browser entries' shared module (wasm.js before).
      const { memory } = await import('/' + pkg + '/internal.js').catch(() => import('/' + pkg + '/wasm.js'))
      // The wasm's linear memory only grows, so its size after all the loops is the peak.
      builds.push({ api, memoryKb: () => memory.buffer.byteLength / 1024 })
    }
    return builds.map((b) => b.memoryKb())
  }
  window.memoryKb = () => builds.map((b) => b.memoryKb())
  // ROUNDS rounds of n calls per build, builds in turn; the median round per build, in ns per call.
  async function time(rounds, n, fns) {
    const samples = fns.map(() => [])
    let sink = 0
    for (let round = 0; round < rounds; round++) {
      for (const [b, fn] of fns.entries()) {
        const start = performance.now()
        for (let i = 0; i < n; i++) if (await fn(i)) sink++
        samples[b].push(((performance.now() - start) * 1e6) / n)
      }
    }
    return samples.map((s) => {
      s.sort((a, b) => a - b)
      return { median: s[s.length >> 1], min: s[0], sink }
    })
  }
  // has() and decoding are synchronous: their loops await nothing.
  function timeSync(rounds, n, fns) {
    const samples = fns.map(() => [])
    for (let round = 0; round < rounds; round++) {
      for (const [b, fn] of fns.entries()) {
        const start = performance.now()
        for (let i = 0; i < n; i++) fn(i)
        samples[b].push(((performance.now() - start) * 1e6) / n)
      }
    }
    return samples.map((s) => {
      s.sort((a, b) => a - b)
      return { median: s[s.length >> 1], min: s[0] }
    })
  }
  window.measureCore = (rounds, options, params, tokens) => {
    const checkers = builds.map(({ api }) => api.createCheckAuthorization(options))
    return {
      hits: params.filter((p) => checkers[0](p)).length,
      has: timeSync(rounds, 50_000, checkers.map((has) => (i) => has(params[i % params.length]))),
      decode: timeSync(rounds, 5_000, builds.map(({ api }) => (i) =>
        api.authObjectFromClaims(api.decodeJwt(tokens[i % tokens.length]).payload).userId)),
    }
  }
  window.measureToken = async (rounds, frontendApi) => {
    await fetch(frontendApi + '/dev/sign-in', { method: 'POST', credentials: 'include',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'user_alice' }) })
    const clients = builds.map(({ api }) => api.createAuthClient({ frontendApi }))
    for (const client of clients) await client.load()
    const session = await time(rounds, 10_000, clients.map((c) => () => c.getToken()))
    const ok = (await Promise.all(clients.map((c) => c.getToken({ template: 'supabase' })))).every(Boolean)
    const template = await time(rounds, 10_000, clients.map((c) => () => c.getToken({ template: 'supabase' })))
    return { session, template, ok }
  }
  window.ready = true
</script>`

const { tokens } = await makeTokens(16)
const web = await serveStatic({ pages: { '/bench.html': PAGE } })
const auth = await startTestAuthServer()
const browser = await launchChromium()
const row = (label, results, unit = 'ns') => {
  const v = (ns) => (unit === 'µs' ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`)
  console.log(`  ${label}`)
  results.forEach((r, b) =>
    console.log(`    ${PKGS[b].padEnd(40)} median ${v(r.median).padStart(9)}  (best round ${v(r.min)})`),
  )
}
try {
  const page = await browser.newPage()
  await page.goto(`${web.url}/bench.html`)
  await page.waitForFunction(() => window.ready)
  const memoryAtStart = await page.evaluate((pkgs) => window.load(pkgs), PKGS)
  const core = await page.evaluate(([r, o, p, t]) => window.measureCore(r, o, p, t), [ROUNDS, options, params, tokens])
  console.log(`the browser build (client wasm) in Chromium, per call, ${ROUNDS} rounds per build in turn:`)
  row(`has(), ${params.length} params (${core.hits} true)`, core.has)
  row('decodeJwt + authObjectFromClaims', core.decode)
  const before = await auth.stats()
  const r = await page.evaluate(([rounds, url]) => window.measureToken(rounds, url), [ROUNDS, auth.url])
  const after = await auth.stats()
  row('cached getToken() (await included)', r.session, 'µs')
  row('cached getToken({ template })', r.template, 'µs')
  const calls = ROUNDS * 20_000 * PKGS.length
  const fetched = after.tokens + after.templateTokens - before.tokens - before.templateTokens - PKGS.length
  console.log(
    `  token requests during ${calls.toLocaleString('en-US')} cached calls: ${fetched} (the first template fetches excluded)`,
  )
  const memoryAtEnd = await page.evaluate(() => window.memoryKb())
  PKGS.forEach((pkg, b) =>
    console.log(`  wasm memory of ${pkg}: ${memoryAtStart[b]} KiB at start, ${memoryAtEnd[b]} KiB after every loop`),
  )
} finally {
  await browser.close()
  await auth.stop()
  await web.close()
}
