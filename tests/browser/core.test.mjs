// The built package's browser entry in headless Chromium: loaded by a plain
// <script type="module"> through an import map, then the shared fixtures run in the page.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { launchChromium, openPage } from '../support/browser.mjs'
import { serveStatic } from '../support/static-server.mjs'

const PAGE = `<!doctype html>
<script type="importmap">{ "imports": { "wasm-auth": "/pkg/index.js" } }</script>
<script type="module">
  import { authObjectFromClaims, createCheckAuthorization, decodeJwt, AuthError } from 'wasm-auth'
  const load = (name) => fetch('/tests/fixtures/' + name).then((r) => r.json())
  const [has, claims] = await Promise.all([load('has.json'), load('claims.json')])
  const results = { has: [], claims: [], errors: [] }
  for (const c of has.cases) {
    results.has.push({ name: c.name, got: createCheckAuthorization(has.options[c.options])(c.params), expected: c.expected })
  }
  for (const c of claims.cases) {
    let got
    try {
      const { sessionClaims, ...rest } = authObjectFromClaims(c.claims)
      got = rest
    } catch (e) {
      got = { error: e instanceof AuthError ? e.code : String(e) }
    }
    results.claims.push({ name: c.name, got, expected: c.error ? { error: c.error } : c.expected })
  }
  for (const token of ['', 'a.b', 'x.y.z', '\u00ff.\u00ff.\u00ff']) {
    try { decodeJwt(token) } catch (e) { results.errors.push(e instanceof AuthError && e instanceof Error ? e.code : 'not an AuthError') }
  }
  window.results = results
</script>`

let server
let browser
before(async () => {
  server = await serveStatic({ pages: { '/core.html': PAGE } })
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.close()
})

test('the fixtures pass in Chromium through the browser entry', async () => {
  const { page, errors } = await openPage(browser, `${server.url}/core.html`)
  await page.waitForFunction(() => window.results, null, { timeout: 10_000 })
  const results = await page.evaluate(() => window.results)
  assert.deepEqual(errors, [])
  assert.ok(results.has.length > 50)
  for (const r of results.has) assert.equal(r.got, r.expected, r.name)
  for (const r of results.claims) {
    const expected = Object.fromEntries(Object.entries(r.expected).map(([k, v]) => [k, v ?? null]))
    assert.deepEqual(r.got, expected, r.name)
  }
  assert.deepEqual(results.errors, ['token-invalid', 'token-invalid', 'token-invalid', 'token-invalid'])
})

test('the wasm comes inside the JS: the page requests no .wasm file, and the API answers on import', async () => {
  const page = await browser.newPage()
  const requested = []
  page.on('request', (r) => requested.push(new URL(r.url()).pathname))
  await page.goto(`${server.url}/core.html`)
  await page.waitForFunction(() => window.results, null, { timeout: 10_000 })
  assert.deepEqual(requested.filter((path) => path.startsWith('/pkg/')).sort(), [
    '/pkg/index.js',
    '/pkg/internal.js',
    '/pkg/wasm_auth_bg.inline.js',
  ])
  await page.close()
})
