// The browser client against inputs it must not trust (docs/security.md), in Chromium against the
// dev server: a wasm trap in the middle of a call, another tab's messages (same origin, any
// content), and the URLs it is asked to navigate to, by the app or by the Frontend API.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { redirect } from '../support/browser.mjs'
import { startClientPage } from './client-page.mjs'

describe('the browser client and what it must not trust', () => {
  let setup
  before(async () => {
    setup = await startClientPage('development')
  })
  after(() => setup?.close())
  beforeEach(() => setup.fresh())

  test('a trap fails the call that hit it; the state stays loaded and the client goes on', async () => {
    const { page, errors } = await setup.open('user_alice')
    const result = await page.evaluate(async () => {
      const internal = await import('/pkg/internal.js')
      const client = window.client
      const before = client.getState()
      const states = []
      client.subscribe(() => states.push([client.getState().isLoaded, client.getState().status]))
      const has = window.wasmAuth.createCheckAuthorization(before)
      internal.armTrapForTests()
      const failed = await client.getToken({ skipCache: true }).then(
        () => 'resolved',
        (e) => e.code,
      )
      const kept = client.getState() === before
      const token = await client.getToken({ skipCache: true })
      return {
        failed,
        kept,
        sub: window.claims(token).sub,
        after: client.getState().userId,
        states,
        has: has({ role: 'org:admin' }),
      }
    })
    assert.equal(result.failed, 'internal-error')
    assert.ok(result.kept, 'the state as it was, while the new machine loads')
    assert.equal(result.sub, 'user_alice')
    assert.equal(result.after, 'user_alice')
    assert.ok(
      result.states.every(([loaded, status]) => loaded && status === 'ready'),
      `never back to isLoaded: false, nor to status loading: ${JSON.stringify(result.states)}`,
    )
    assert.equal(result.has, true, 'a checker made before the trap')
    assert.deepEqual(errors, [])
  })

  test("another tab's messages: a hostile shape costs bounded memory, another session's token is ignored", async () => {
    const { page, errors } = await setup.open('user_alice')
    const result = await page.evaluate(async (frontendApi) => {
      const internal = await import('/pkg/internal.js')
      const client = window.client
      const state = client.getState()
      const b64 = (value) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
      const jwt = (claims) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2ln`
      const now = Math.floor(Date.now() / 1000)
      const base = { sid: state.sessionId, sub: state.userId, iat: now + 1, exp: now + 60, v: 2 }
      const features = Array.from({ length: 12_000 }, (_, i) => `o:f${i}`).join(',')
      const fpm = Array.from({ length: 12_000 }, () => '1').join(',')
      const hostile = { ...base, fea: features, o: { id: state.orgId, rol: 'admin', per: 'n'.repeat(50_000), fpm } }
      const key = { sessionId: state.sessionId, template: null, organizationId: state.orgId }
      const channel = new BroadcastChannel(`wasm-auth:${frontendApi}`)
      const changed = () => new Promise((resolve) => client.subscribe(resolve))
      const memory = () => internal.memory.buffer.byteLength
      const before = memory()
      let next = changed()
      channel.postMessage(JSON.stringify({ token: { key, jwt: jwt(hostile), expiresAt: Date.now() + 60_000 } }))
      await next
      const permissions = client.getState().orgPermissions.length
      const grown = (memory() - before) / 1024 / 1024
      // Another session's token, then a fresher one of this session: the tab reads messages in
      // order, so once the second shows, the first was read, and no state between shows mallory.
      const users = []
      client.subscribe(() => users.push(client.getState().userId))
      const other = { ...base, iat: now + 2, sid: 'sess_mallory', sub: 'user_mallory' }
      const fresher = { ...base, iat: now + 3, o: { id: state.orgId, rol: 'admin', per: 'read', fpm: '1' } }
      next = changed()
      channel.postMessage(JSON.stringify({ token: { key, jwt: jwt(other), expiresAt: Date.now() + 60_000 } }))
      channel.postMessage(JSON.stringify({ token: { key, jwt: jwt(fresher), expiresAt: Date.now() + 60_000 } }))
      await next
      const token = await client.getToken()
      const { sid, iat } = window.claims(token)
      return { permissions, grown, users, token: [sid === state.sessionId, iat - now] }
    }, setup.options.proxyUrl)
    assert.equal(result.permissions, 12_000)
    assert.ok(result.grown < 32, `wasm memory grew ${result.grown} MiB`)
    assert.deepEqual(result.users, ['user_alice'], "another session's token is ignored")
    assert.deepEqual(result.token, [true, 3], "getToken() gives this session's fresher token")
    assert.deepEqual(errors, [])
  })

  const HOSTILE_URLS = [
    'javascript:window.__pwned = 1',
    'JaVaScRiPt:window.__pwned = 1',
    ' \tjavascript:window.__pwned = 1',
    'data:text/html,<script>parent.__pwned = 1</script>',
    '//evil.example.net/x',
    '/\\evil.example.net/x',
    '\\\\evil.example.net/x',
    ' /\t/evil.example.net/x',
  ]

  test("signOut and redirectToSignIn refuse a redirectUrl that is not http(s), or leaves the site's scheme", async () => {
    const { page } = await setup.open('user_alice')
    const start = page.url()
    for (const url of HOSTILE_URLS) {
      const codes = await page.evaluate(async (redirectUrl) => {
        const code = (p) =>
          p.then(
            () => 'went',
            (e) => e.code,
          )
        return [
          await code(window.client.signOut({ redirectUrl })),
          await code(window.client.redirectToSignIn({ redirectUrl })),
        ]
      }, url)
      assert.deepEqual(codes, ['options-invalid', 'options-invalid'], url)
    }
    assert.equal(page.url(), start, 'no navigation')
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran')
    assert.equal(await page.evaluate(() => window.client.getState().userId), 'user_alice', 'still signed in')
  })

  test("the Frontend API's Account Portal URLs: only http(s), only on the instance's hosts", async () => {
    const { page } = await setup.open('user_alice')
    const start = page.url()
    for (const url of [...HOSTILE_URLS, 'https://evil.example.net/sign-in', 'http://localhost.evil.example/sign-in']) {
      await setup.auth.config({ displayConfig: { sign_in_url: url } })
      // A new client each time: a client fetches the environment once.
      const code = await page.evaluate(
        (o) =>
          window.wasmAuth
            .createAuthClient(o)
            .redirectToSignIn()
            .then(
              () => 'went',
              (e) => e.code,
            ),
        setup.options,
      )
      assert.equal(code, 'response-invalid', url)
    }
    assert.equal(page.url(), start, 'no navigation')
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran')
  })

  test("the app's own signInUrl is where redirectToSignIn goes, with the way back", async () => {
    const { page } = await setup.open('user_alice')
    const signInUrl = `${setup.web.url}/client.html?sign-in`
    const went = await redirect(
      page,
      (o) => window.wasmAuth.createAuthClient(o).redirectToSignIn({ redirectUrl: '/after' }),
      { ...setup.options, signInUrl },
      /\?sign-in/,
    )
    const url = new URL(went)
    assert.equal(url.origin + url.pathname + url.search, signInUrl)
    assert.equal(new URLSearchParams(url.hash.slice(2)).get('redirect_url'), `${setup.web.url}/after`)
  })
})
