// Node's fetch does no CORS and keeps no cookies, so it cannot prove a browser on another port can
// use the server. This drives real Chromium (skipped when it is not installed).
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { after, before, test } from 'node:test'
import { startTestAuthServer } from '../support/auth-server.mjs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`

let auth
let app
let appOrigin
let browser
before(async () => {
  if (skip) return
  const { chromium } = await import('playwright-core')
  auth = await startTestAuthServer()
  app = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<!doctype html><title>app</title>')
  })
  await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve))
  appOrigin = `http://127.0.0.1:${app.address().port}`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu'],
  })
})
after(async () => {
  await browser?.close()
  await auth?.stop()
  app?.close()
})

test('an app on another port signs in, reads the client, gets tokens and signs out', { skip }, async () => {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${appOrigin}/`)
  const result = await page.evaluate(async (api) => {
    const call = async (path, init = {}) => {
      const response = await fetch(api + path, { credentials: 'include', ...init })
      return { status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after') }
    }
    const signIn = await call('/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"user":"user_alice"}',
    })
    const client = await call('/v1/client')
    const sid = client.body.response.last_active_session_id
    const token = await call(`/v1/client/sessions/${sid}/tokens`, {
      method: 'POST',
      body: new URLSearchParams({ organization_id: 'org_beta' }),
    })
    await fetch(`${api}/dev/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"route":"tokens","status":429,"times":1}',
    })
    const limited = await call(`/v1/client/sessions/${sid}/tokens`, { method: 'POST' })
    const signOut = await call('/v1/client/sessions?_method=DELETE', { method: 'POST' })
    const after = await call(`/v1/client/sessions/${sid}/tokens`, { method: 'POST' })
    const claims = JSON.parse(atob(token.body.jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
    return {
      signIn: signIn.status,
      scriptSeesCookie: document.cookie.split('; ').filter((c) => c.startsWith('__client=')),
      sessions: client.body.response.sessions.map((s) => s.user.id),
      claims: { sub: claims.sub, azp: claims.azp, org: claims.o.id },
      limited: [limited.status, limited.retryAfter],
      signOut: [signOut.status, signOut.body.response.sessions.length],
      after: [after.status, after.body.errors[0].code],
    }
  }, auth.url)
  assert.deepEqual(result, {
    signIn: 200,
    scriptSeesCookie: [],
    sessions: ['user_alice'],
    claims: { sub: 'user_alice', azp: appOrigin, org: 'org_beta' },
    limited: [429, '1'],
    signOut: [200, 0],
    after: [401, 'signed_out'],
  })
})

test('GET /dev/sign-in?redirect_url= navigates back to the app, signed in', { skip }, async () => {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${auth.url}/dev/sign-in?user=user_bob&redirect_url=${encodeURIComponent(`${appOrigin}/home`)}`)
  assert.equal(page.url(), `${appOrigin}/home`)
  const users = await page.evaluate(async (api) => {
    const { response } = await (await fetch(`${api}/v1/client`, { credentials: 'include' })).json()
    return response.sessions.map((s) => s.user.id)
  }, auth.url)
  assert.deepEqual(users, ['user_bob'])
})

test('a disallowed origin cannot read answers', { skip }, async () => {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${appOrigin}/`)
  // localhost and 127.0.0.1 are different origins; a server limited to one blocks the other.
  const limited = await startTestAuthServer({ allowedOrigins: ['http://localhost:1'] })
  try {
    const outcome = await page.evaluate(
      (api) =>
        fetch(`${api}/v1/client`, { credentials: 'include' }).then(
          () => 'read',
          (e) => e.name,
        ),
      limited.url,
    )
    assert.equal(outcome, 'TypeError')
  } finally {
    await limited.stop()
  }
})
