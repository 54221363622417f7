// Cached getToken() latency in headless Chromium: the built package against the dev auth server,
// signed in, timing calls answered by the cache (no request leaves the page).
import { launchChromium } from '../tests/support/browser.mjs'
import { serveStatic } from '../tests/support/static-server.mjs'
import { startTestAuthServer } from '../tests/support/auth-server.mjs'

const PAGE = `<!doctype html>
<script type="importmap">{ "imports": { "wasm-auth": "/pkg/index.js" } }</script>
<script type="module">
  import { createAuthClient } from 'wasm-auth'
  window.measure = async (frontendApi) => {
    await fetch(frontendApi + '/dev/sign-in', { method: 'POST', credentials: 'include',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'user_alice' }) })
    const client = createAuthClient({ frontendApi })
    await client.load()
    const rounds = []
    for (let round = 0; round < 7; round++) {
      const n = 20_000
      const start = performance.now()
      for (let i = 0; i < n; i++) await client.getToken()
      rounds.push(((performance.now() - start) * 1000) / n)
    }
    const templ = await client.getToken({ template: 'supabase' })
    const start = performance.now()
    for (let i = 0; i < 20_000; i++) await client.getToken({ template: 'supabase' })
    const template = ((performance.now() - start) * 1000) / 20_000
    rounds.sort((a, b) => a - b)
    return { median: rounds[3], min: rounds[0], template, ok: Boolean(templ) }
  }
  window.ready = true
</script>`

const web = await serveStatic({ pages: { '/bench.html': PAGE } })
const auth = await startTestAuthServer()
const browser = await launchChromium()
try {
  const page = await browser.newPage()
  await page.goto(`${web.url}/bench.html`)
  await page.waitForFunction(() => window.ready)
  const before = await auth.stats()
  const r = await page.evaluate((url) => window.measure(url), auth.url)
  const after = await auth.stats()
  console.log('cached getToken() in Chromium (await included), µs per call:')
  console.log(`  session token        median ${r.median.toFixed(2)} µs  (best round ${r.min.toFixed(2)} µs)`)
  console.log(`  template token       ${r.template.toFixed(2)} µs`)
  console.log(
    `  token requests during 160,000 cached calls: ${after.tokens + after.templateTokens - before.tokens - before.templateTokens - 1} (1 template fetch excluded)`,
  )
} finally {
  await browser.close()
  await auth.stop()
  await web.close()
}
