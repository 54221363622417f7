// wasm-auth/react server-rendered and hydrated: the app of tests/browser/react-app is rendered
// in Node (react-dom/server, initialState from the request's __session cookie) and hydrated in
// Chromium, against the dev auth server. The tests check there is no loading frame and no
// hydration warning, then the transitions. They run for the repo's React 19 and package
// (tests/browser/react.test.mjs) and for React 18 and 19 installed beside the packed tarball
// (tests/consumers/react.test.mjs): which React and which wasm-auth is whatever node_modules
// `outDir` finds, going up.
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { after, before, beforeEach, describe, test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { launchChromium } from './browser.mjs'
import { serveStatic } from './static-server.mjs'
import { startTestAuthServer } from './auth-server.mjs'
import { importerIn } from './tarball.mjs'

const sources = fileURLToPath(new URL('../browser/react-app/', import.meta.url))

/**
 * Copies the app into `outDir` and builds it there: the browser bundle (development React, which
 * reports hydration mismatches) and the server module (packages left to Node). Returns App and the
 * React, react-dom/server and wasm-auth that the server render uses.
 */
async function buildApp(outDir) {
  mkdirSync(outDir, { recursive: true })
  for (const file of ['app.jsx', 'client.jsx']) copyFileSync(join(sources, file), join(outDir, file))
  const common = { bundle: true, format: 'esm', jsx: 'automatic', logLevel: 'warning', absWorkingDir: outDir }
  await build({
    ...common,
    entryPoints: [join(outDir, 'client.jsx')],
    outfile: join(outDir, 'client.js'),
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"development"' },
  })
  // esbuild leaves new URL('./wasm_auth_bg.wasm', import.meta.url) as it is: the wasm goes beside the bundle.
  const pkg = dirname(createRequire(join(outDir, 'app.jsx')).resolve('wasm-auth/package.json'))
  copyFileSync(join(pkg, 'wasm_auth_bg.wasm'), join(outDir, 'wasm_auth_bg.wasm'))
  await build({
    ...common,
    entryPoints: [join(outDir, 'app.jsx')],
    outfile: join(outDir, 'app.mjs'),
    platform: 'node',
    packages: 'external',
  })
  const load = await importerIn(outDir, 'react-app')
  const { App } = await import(pathToFileURL(join(outDir, 'app.mjs')).href)
  const [{ createElement }, { renderToString }, { authObjectFromClaims, decodeJwt }] = await Promise.all([
    load('react'),
    load('react-dom/server'),
    load('wasm-auth'),
  ])
  return { App, createElement, renderToString, authObjectFromClaims, decodeJwt }
}

/** Defines the tests, with the app built into `outDir` (a path, or a function giving it once the tests run). */
export function hydrationTests({ outDir }) {
  let web
  let auth
  let browser
  let context
  let app

  /** What the page's server knows: the verified token would be authenticateRequest's job; here the
   * test trusts the cookie its own browser wrote. */
  function initialStateOf(req) {
    const token = /(?:^|;\s*)__session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
    if (!token) return { sessionId: null, userId: null }
    return app.authObjectFromClaims(app.decodeJwt(token).payload)
  }

  function page(req) {
    const initialState = initialStateOf(req)
    const html = app.renderToString(app.createElement(app.App, { frontendApi: auth.url, initialState }))
    const data = JSON.stringify({ initialState, frontendApi: auth.url }).replace(/</g, '\\u003c')
    return `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><div id="root">${html}</div>
<script>const d = ${data}; window.__INITIAL_STATE__ = d.initialState; window.__FRONTEND_API__ = d.frontendApi</script>
<script type="module" src="/client.js"></script></body></html>`
  }

  before(async () => {
    outDir = typeof outDir === 'function' ? outDir() : outDir
    app = await buildApp(outDir)
    auth = await startTestAuthServer()
    web = await serveStatic({ root: outDir, pages: { '/': page } })
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
    await tab.evaluate(
      async ([url, user]) => {
        const res = await fetch(url + '/dev/sign-in', {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user }),
        })
        if (!res.ok) throw new Error('sign-in failed')
        await window.client.load() // writes the __session cookie
      },
      [auth.url, user],
    )
    await tab.reload()
    await tab.waitForFunction(() => window.__seen?.renders.length > 0)
    // The page's own load() may still be under way: what the tests do next waits for it.
  }
  /** Until the page's client has loaded: every render it causes has happened. */
  const loaded = (tab) => tab.waitForFunction(() => window.client.getState().status === 'ready')

  test('signed out: the first paint is already loaded, and hydration is silent', async () => {
    const { tab, problems } = await open()
    const html = await tab.evaluate(() => document.getElementById('auth').textContent)
    assert.match(html, /"isLoaded":true,"isSignedIn":false/)
    await loaded(tab)
    assert.ok(
      (await renders(tab)).every((r) => r.isLoaded === true),
      'no isLoaded: false frame',
    )
    assert.deepEqual(problems, [])
  })

  test('signed in after a reload: loaded from the first render, has() gates content, no hydration warning', async () => {
    const { tab, problems } = await open()
    await signInAndReload(tab, 'user_alice')
    const first = (await renders(tab))[0]
    assert.deepEqual(first, { isLoaded: true, isSignedIn: true, userId: 'user_alice', orgId: 'org_acme' })
    assert.equal(await tab.locator('#admin-only').count(), 1, 'has({ role }) answered in the server render')
    await loaded(tab)
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
    assert.deepEqual(after, {
      isLoaded: true,
      isSignedIn: false,
      userId: null,
      sessionId: null,
      orgId: null,
      orgRole: null,
      orgSlug: null,
      actor: null,
      admin: false,
    })
    const identities = await tab.evaluate(() => [
      window.__seen.getTokens.size,
      window.__seen.signOuts.size,
      window.__seen.renders.length,
    ])
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
}
