// Drives the consumer app (tests/consumers/web/src/main.js), however it was built and served, in
// Chromium against the dev auth server: signed out first, then signed in as user_alice after a
// reload. Every bundler's test (Vite, webpack, esbuild, Rollup, Parcel) checks it with assertSignInFlow.
import assert from 'node:assert/strict'
import { cpSync } from 'node:fs'
import { after, before } from 'node:test'
import { fileURLToPath } from 'node:url'
import { startTestAuthServer } from './auth-server.mjs'
import { launchChromium } from './browser.mjs'
import { sharedConsumerProject } from './tarball.mjs'

const fixture = fileURLToPath(new URL('../consumers/web', import.meta.url))

/** Copies the app's sources (index.html, src/, webpack.config.js) into the project `dir`. */
export function copyWebApp(dir) {
  cpSync(fixture, dir, { recursive: true })
}

/**
 * The suite of a bundler's test: its consumer project (`name`, holding `packages`, the tarball
 * installed) with the app's sources copied in, the dev auth server and Chromium, started before
 * the tests and stopped after. Returns the object they are on (`dir`, `auth`, `browser`).
 */
export function webAppSuite(name, packages) {
  const app = {}
  before(async () => {
    app.dir = sharedConsumerProject(name, packages)
    copyWebApp(app.dir)
    app.auth = await startTestAuthServer()
    app.browser = await launchChromium()
  })
  after(async () => {
    await app.browser?.close()
    await app.auth?.stop()
  })
  return app
}

/** The page a static server hands out for a bundle: the app's root, then `script`. */
export const appPage = (tool, script) => `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>wasm-auth with ${tool}</title></head>
<body><div id="root"></div>${script}</body></html>`

const shown = (page, key) =>
  page
    .waitForFunction(
      (key) => {
        const text = document.getElementById('auth')?.textContent
        return text && JSON.parse(text)[key] ? text : false
      },
      key,
      { timeout: 15_000 },
    )
    .then((handle) => handle.jsonValue())
    .then((text) => JSON.parse(text))

/**
 * Opens `pageUrl` in a fresh browser context, reads the loaded signed-out state, signs in
 * through the dev auth server, reloads and reads the signed-in state once getToken() answered.
 * Also returns the wasm responses, the paths of the scripts loaded, and every console error or
 * warning and page error.
 */
export async function signInFlow(browser, pageUrl, auth) {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const problems = []
    const wasm = []
    const scripts = new Set()
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`))
    page.on('pageerror', (e) => problems.push(String(e)))
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname
      if (path.endsWith('.wasm')) wasm.push({ path, status: r.status(), type: r.headers()['content-type'] })
      if (r.request().resourceType() === 'script') scripts.add(path)
    })
    await page.goto(`${pageUrl}?api=${encodeURIComponent(auth.url)}`)
    const signedOut = await shown(page, 'isLoaded')
    await page.evaluate(async (api) => {
      const res = await fetch(`${api}/dev/sign-in`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'user_alice' }),
      })
      if (!res.ok) throw new Error(`sign-in: ${res.status}`)
    }, auth.url)
    await page.reload()
    const signedIn = await shown(page, 'token')
    return { signedOut, signedIn, wasm, scripts: [...scripts], problems }
  } finally {
    await context.close()
  }
}

/** The values the app must show: user_alice is the admin of org_acme (plan pro). */
export function assertSignInFlow({ signedOut, signedIn, wasm, problems }) {
  const nothing = {
    'role org:admin': false,
    'permission org:invoices:create': false,
    'plan pro': false,
    'role org:member': false,
  }
  assert.deepEqual(signedOut, {
    isLoaded: true,
    isSignedIn: false,
    userId: null,
    orgId: null,
    orgRole: null,
    has: nothing,
    token: null,
  })
  assert.deepEqual(
    signedIn.token,
    { sub: 'user_alice', sid: signedIn.token.sid, org: 'org_acme' },
    "getToken() gave alice's session token",
  )
  assert.match(signedIn.token.sid, /^sess_/)
  assert.deepEqual(signedIn, {
    isLoaded: true,
    isSignedIn: true,
    userId: 'user_alice',
    orgId: 'org_acme',
    orgRole: 'org:admin',
    has: { 'role org:admin': true, 'permission org:invoices:create': true, 'plan pro': true, 'role org:member': false },
    token: signedIn.token,
  })
  // The wasm comes inside the package's JS: no .wasm file is fetched, whatever built the app.
  assert.deepEqual(wasm, [], 'no .wasm file fetched')
  assert.deepEqual(problems, [])
}
