// wasm-auth/react in Chromium: the app is rendered on the server (Node, react-dom/server, with
// initialState read from the request's __session cookie) and hydrated in the browser, against the
// dev auth server. Checks there is no loading frame and no hydration warning, then the transitions.
import assert from 'node:assert/strict'
import { mkdirSync, copyFileSync } from 'node:fs'
import { after, before, beforeEach, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import { authObjectFromClaims, decodeJwt } from 'wasm-auth'
import { launchChromium } from '../support/browser.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const out = `${root}target/react-app`

let web
let auth
let browser
let context
let App

/** What the page's server knows: the verified token would be authenticateRequest's job; here the
 * test trusts the cookie its own browser wrote. */
function initialStateOf(req) {
  const token = /(?:^|;\s*)__session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
  if (!token) return { sessionId: null, userId: null }
  return authObjectFromClaims(decodeJwt(token).payload)
}

function page(req) {
  const initialState = initialStateOf(req)
  const html = renderToString(h(App, { frontendApi: auth.url, initialState }))
  const data = JSON.stringify({ initialState, frontendApi: auth.url }).replace(/</g, '\\u003c')
  return `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><div id="root">${html}</div>
<script>const d = ${data}; window.__INITIAL_STATE__ = d.initialState; window.__FRONTEND_API__ = d.frontendApi</script>
<script type="module" src="/target/react-app/client.js"></script></body></html>`
}

before(async () => {
  mkdirSync(out, { recursive: true })
  const common = { bundle: true, format: 'esm', jsx: 'automatic', logLevel: 'warning' }
  await build({
    ...common,
    entryPoints: [`${root}tests/browser/react-app/client.jsx`],
    outfile: `${out}/client.js`,
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"development"' }, // development React reports hydration mismatches
  })
  copyFileSync(`${root}pkg/wasm_auth_bg.wasm`, `${out}/wasm_auth_bg.wasm`) // beside the bundle, where import.meta.url points
  await build({ ...common, entryPoints: [`${root}tests/browser/react-app/app.jsx`], outfile: `${out}/app.mjs`, platform: 'node', packages: 'external' })
  ;({ App } = await import(`${out}/app.mjs`))
  auth = await startTestAuthServer()
  web = await serveStatic({ pages: { '/': page } })
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await web?.close()
  await auth?.stop()
})
beforeEach(async () => {
  await context?.close()
  context = await browser.newContext()
})

async function open() {
  const tab = await context.newPage()
  const problems = []
  tab.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()))
  tab.on('pageerror', (e) => problems.push(String(e)))
  await tab.goto(web.url)
  await tab.waitForFunction(() => window.__seen?.renders.length > 0)
  return { tab, problems }
}

const shown = (tab) => tab.evaluate(() => JSON.parse(document.getElementById('auth').textContent))
const renders = (tab) => tab.evaluate(() => window.__seen.renders)

async function signInAndReload(tab, user) {
  await tab.evaluate(async ([url, user]) => {
    const res = await fetch(url + '/dev/sign-in', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) })
    if (!res.ok) throw new Error('sign-in failed')
    await window.client.load() // writes the __session cookie
  }, [auth.url, user])
  await tab.reload()
  await tab.waitForFunction(() => window.__seen?.renders.length > 0)
  // The page renders from initialState at once, while the client's own load() (started by
  // <AuthProvider>) may still be in flight; setActive() before it ends rejects "No active session".
  await tab.evaluate(() => window.client.load())
}

test('signed out: the first paint is already loaded, and hydration is silent', async () => {
  const { tab, problems } = await open()
  const html = await tab.evaluate(() => document.getElementById('auth').textContent)
  assert.match(html, /"isLoaded":true,"isSignedIn":false/)
  await tab.waitForTimeout(300) // let load() finish
  assert.ok((await renders(tab)).every((r) => r.isLoaded === true), 'no isLoaded: false frame')
  assert.deepEqual(problems, [])
})

test('signed in after a reload: loaded from the first render, has() gates content, no hydration warning', async () => {
  const { tab, problems } = await open()
  await signInAndReload(tab, 'user_alice')
  const first = (await renders(tab))[0]
  assert.deepEqual(first, { isLoaded: true, isSignedIn: true, userId: 'user_alice', orgId: 'org_acme' })
  assert.equal(await tab.locator('#admin-only').count(), 1, 'has({ role }) answered in the server render')
  await tab.waitForTimeout(300)
  assert.ok((await renders(tab)).every((r) => r.isLoaded === true))
  assert.deepEqual(problems, [])
})

test('switching organization goes from one loaded state to the next, and has() follows', async () => {
  const { tab, problems } = await open()
  await signInAndReload(tab, 'user_alice')
  await tab.evaluate(() => window.client.setActive({ organizationId: 'org_beta' }))
  await tab.waitForFunction(() => JSON.parse(document.getElementById('auth').textContent).orgId === 'org_beta')
  assert.equal(await tab.locator('#admin-only').count(), 0, 'alice is not an admin of beta')
  assert.equal((await shown(tab)).orgRole, 'org:member')
  await tab.evaluate(() => window.client.setActive({ organizationId: 'org_acme' }))
  await tab.waitForSelector('#admin-only')
  assert.ok((await renders(tab)).every((r) => r.isLoaded === true))
  assert.deepEqual(problems, [])
})

test('getToken and signOut keep their identity across renders; signing out shows the signed-out shape', async () => {
  const { tab, problems } = await open()
  await signInAndReload(tab, 'user_alice')
  await tab.evaluate(() => window.client.setActive({ organizationId: 'org_beta' }))
  await tab.click('#sign-out')
  await tab.waitForFunction(() => JSON.parse(document.getElementById('auth').textContent).isSignedIn === false)
  const after = await shown(tab)
  assert.deepEqual(after, { isLoaded: true, isSignedIn: false, userId: null, sessionId: null, orgId: null, orgRole: null, orgSlug: null, actor: null, admin: false })
  const identities = await tab.evaluate(() => [window.__seen.getTokens.size, window.__seen.signOuts.size, window.__seen.renders.length])
  assert.equal(identities[0], 1, 'one getToken across all renders')
  assert.equal(identities[1], 1, 'one signOut across all renders')
  assert.ok(identities[2] >= 3)
  assert.deepEqual(problems, [])
})

test('an impersonated session shows its actor', async () => {
  const { tab } = await open()
  await signInAndReload(tab, 'user_dave')
  assert.deepEqual((await shown(tab)).actor, { sub: 'user_admin_1' })
})
