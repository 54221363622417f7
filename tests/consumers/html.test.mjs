// The packed tarball used by a plain HTML page with no build step (tests/consumers/html/index.html):
// a <script type="module"> imports `wasm-auth` and `wasm-auth/server` through an import map
// pointing into the installed node_modules, served as they are by a static server. In Chromium
// against the dev auth server: the client loads the session, has() answers, getToken() gives
// alice's token, and the server entry verifies it with the JWKS. No .wasm file is fetched: each
// wasm comes inside the package's JS.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { launchChromium } from '../support/browser.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { WEB, sharedConsumerProject } from '../support/tarball.mjs'

const PAGE = readFileSync(new URL('./html/index.html', import.meta.url), 'utf8')

let web
let auth
let browser
before(async () => {
  const dir = sharedConsumerProject('web', WEB)
  web = await serveStatic({ root: dir, pages: { '/': PAGE } })
  auth = await startTestAuthServer()
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await web?.close()
  await auth?.stop()
})

test('import map, no build: core and server entries load their wasm and answer', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const problems = []
  const modules = []
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`))
  page.on('pageerror', (e) => problems.push(String(e)))
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (path.startsWith('/node_modules/wasm-auth/')) modules.push(path.slice('/node_modules/wasm-auth/'.length))
  })
  const result = async () =>
    JSON.parse(
      await (await page.waitForFunction(() => document.getElementById('result').textContent || false)).jsonValue(),
    )

  await page.goto(`${web.url}/?api=${encodeURIComponent(auth.url)}`)
  assert.deepEqual(await result(), { userId: null, orgId: null, orgRole: null })
  assert.deepEqual(
    modules.sort(),
    ['index.js', 'internal.js', 'wasm_auth_bg.inline.js'],
    'the core entry: three files, the client wasm inside the last',
  )

  await page.evaluate(async (api) => {
    const res = await fetch(`${api}/dev/sign-in`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'user_alice' }),
    })
    if (!res.ok) throw new Error(`sign-in: ${res.status}`)
  }, auth.url)
  modules.length = 0
  await page.reload()
  assert.deepEqual(await result(), {
    userId: 'user_alice',
    orgId: 'org_acme',
    orgRole: 'org:admin',
    has: {
      'role org:admin': true,
      'permission org:invoices:create': true,
      'feature reports': true,
      'role org:member': false,
    },
    token: { sub: 'user_alice', cached: true },
    verified: 'user_alice',
    refused: 'token-invalid-authorized-parties',
  })
  assert.deepEqual(
    modules.sort(),
    ['index.js', 'internal.js', 'server.js', 'wasm_auth_bg.inline.js'],
    'the server entry adds one file (with the server wasm), sharing the core module and its instance',
  )
  assert.deepEqual(problems, [])
  await context.close()
})
