// createAuthClient in headless Chromium against the real dev auth server, both instance kinds:
// HTTP with CORS and cookies (or the dev browser token), the token cache, sign-out, faults, and
// two tabs. Each test gets a fresh browser context (its own cookies) and signs in anew. The same
// rules as tests/client.rs, end to end.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { startClientPage } from './client-page.mjs'

for (const instance of ['production', 'development']) {
  describe(`createAuthClient in Chromium, a ${instance} instance`, () => {
    let setup
    let auth
    before(async () => {
      setup = await startClientPage(instance)
      auth = setup.auth
    })
    after(() => setup?.close())
    beforeEach(() => setup.fresh())
    const openSignedIn = (user) => setup.open(user)
    const tokenRequests = async () => {
      const s = await auth.stats()
      return s.tokens + s.templateTokens
    }
    test('load() gives the signed-in state and writes the __session cookie', async () => {
      const { page, state, errors } = await openSignedIn('user_alice')
      assert.equal(state.isLoaded, true)
      assert.equal(state.userId, 'user_alice')
      assert.equal(state.orgId, 'org_acme')
      assert.equal(state.orgRole, 'org:admin')
      assert.equal(state.sessionClaims.sub, 'user_alice')
      assert.ok(state.orgPermissions.length > 5)
      const cookie = await page.evaluate(() => document.cookie)
      const jwt = /(?:^|; )__session=([^;]+)/.exec(cookie)?.[1]
      assert.equal((await page.evaluate((t) => window.claims(t), jwt)).sid, state.sessionId)
      assert.equal(
        await page.evaluate(() => window.client.getState() === window.client.getState()),
        true,
        'stable snapshot',
      )
      assert.deepEqual(errors, [])
    })

    test('100 concurrent getToken() calls cause exactly one token request', async () => {
      const { page } = await openSignedIn()
      const before = await tokenRequests()
      const tokens = await page.evaluate(() =>
        Promise.all(Array.from({ length: 100 }, () => window.client.getToken({ template: 'supabase' }))),
      )
      assert.equal(await tokenRequests(), before + 1)
      assert.equal(new Set(tokens).size, 1)
      assert.equal((await page.evaluate((t) => window.claims(t), tokens[0])).role, 'authenticated')
    })

    test('a cached call makes no request; skipCache makes one', async () => {
      const { page } = await openSignedIn()
      const before = await tokenRequests()
      const [a, b] = await page.evaluate(() => Promise.all([window.client.getToken(), window.client.getToken()]))
      assert.equal(a, b)
      assert.equal(await tokenRequests(), before, 'the session token came with the client')
      const fresh = await page.evaluate(() => window.client.getToken({ skipCache: true }))
      assert.equal(await tokenRequests(), before + 1)
      assert.notEqual(fresh, a)
      assert.equal(await page.evaluate(() => window.client.getToken()), fresh, 'skipCache replaced the entry')
    })

    test('template and organization tokens are cached apart', async () => {
      const { page } = await openSignedIn()
      const before = await tokenRequests()
      const claims = await page.evaluate(async () => {
        const c = window.client
        const get = async (o) => window.claims(await c.getToken(o))
        const out = [
          await get({ template: 'supabase' }),
          await get({ organizationId: 'org_beta' }),
          await get({ organizationId: null }),
        ]
        await Promise.all([
          c.getToken({ template: 'supabase' }),
          c.getToken({ organizationId: 'org_beta' }),
          c.getToken({ organizationId: null }),
        ])
        return out
      })
      assert.equal(await tokenRequests(), before + 3, 'three keys, three requests, then all cached')
      assert.equal(claims[0].role, 'authenticated')
      assert.equal(claims[1].o.id, 'org_beta')
      assert.equal(claims[2].o, undefined, 'null is the personal account')
    })

    test('a token near expiry is refreshed in the background', async () => {
      await auth.config({ tokenLifetimeSeconds: 12 })
      const { page } = await openSignedIn()
      const first = await page.evaluate(() => window.client.getToken())
      const before = await tokenRequests()
      // 12 s tokens, 10 s leeway: the refresh is due 1 s after minting, with nobody calling.
      await page.waitForFunction((t) => window.client.getState().sessionClaims.iat > window.claims(t).iat, first, {
        timeout: 5_000,
      })
      assert.ok((await tokenRequests()) > before)
      // Served from the cache: already settled when asked, where a request would still be pending.
      const served = await page.evaluate(() => Promise.race([window.client.getToken(), 'pending']))
      assert.notEqual(served, 'pending', 'served from the cache')
      assert.notEqual(served, first)
    })

    test('after signOut() getToken() resolves null and a late response brings no token back', async () => {
      const { page } = await openSignedIn()
      await auth.fault({ route: 'templateTokens', latencyMs: 700, times: 1 })
      const result = await page.evaluate(async () => {
        const c = window.client
        const late = c.getToken({ template: 'supabase' }) // answered 700 ms from now
        await new Promise((r) => setTimeout(r, 100))
        await c.signOut()
        const afterSignOut = await c.getToken()
        const inFlight = await late
        await new Promise((r) => setTimeout(r, 900))
        return {
          afterSignOut,
          inFlight,
          later: await c.getToken({ template: 'supabase' }),
          state: c.getState(),
          cookie: document.cookie,
        }
      })
      assert.equal(result.afterSignOut, null)
      assert.equal(result.inFlight, null)
      assert.equal(result.later, null)
      assert.equal(result.state.isLoaded, true)
      assert.equal(result.state.userId, null)
      assert.doesNotMatch(result.cookie, /__session/)
    })

    test('under injected 500s it retries, then rejects with a typed error, and the user stays signed in', async () => {
      const { page } = await openSignedIn()
      await auth.fault({ route: 'templateTokens', status: 500 })
      const before = (await auth.stats()).templateTokens
      const outcome = await page.evaluate(async () => {
        try {
          await window.client.getToken({ template: 'supabase' })
          return { resolved: true }
        } catch (e) {
          return { isAuthError: e instanceof window.wasmAuth.AuthError, code: e.code, state: window.client.getState() }
        }
      })
      assert.equal(outcome.isAuthError, true)
      assert.equal(outcome.code, 'server-error')
      assert.equal((await auth.stats()).templateTokens - before, 5, 'the first attempt and four retries')
      assert.equal(outcome.state.userId, 'user_alice', 'still signed in')
      await auth.clearFaults()
      assert.ok(
        await page.evaluate(() => window.client.getToken({ template: 'supabase' })),
        'recovers once the server does',
      )
    })

    test('setActive switches the organization without isLoaded falling back', async () => {
      const { page } = await openSignedIn()
      const seen = await page.evaluate(async () => {
        const c = window.client
        const states = []
        c.subscribe(() => states.push(c.getState()))
        await c.setActive({ organizationId: 'org_beta' })
        return {
          states: states.map((s) => [s.isLoaded, s.orgId]),
          now: c.getState().orgId,
          token: window.claims(await c.getToken()).o.id,
        }
      })
      assert.equal(seen.now, 'org_beta')
      assert.equal(seen.token, 'org_beta')
      assert.ok(seen.states.every(([loaded]) => loaded === true))
    })

    test('two tabs share a refreshed token and a sign-out', async () => {
      const a = await openSignedIn()
      const b = await setup.context.newPage()
      await b.goto(`${setup.web.url}/client.html`)
      await b.waitForFunction(() => window.ready)
      await b.evaluate((o) => window.makeClient(o), setup.options)
      const fresh = await a.page.evaluate(() => window.client.getToken({ skipCache: true }))
      await b.waitForFunction((t) => window.client.getState().sessionClaims.jti === window.claims(t).jti, fresh)
      const before = await tokenRequests()
      assert.equal(await b.evaluate(() => window.client.getToken()), fresh)
      assert.equal(await tokenRequests(), before, 'tab b got it without a request')
      await a.page.evaluate(() => window.client.signOut())
      await b.waitForFunction(() => window.client.getState().userId === null)
      assert.equal(await b.evaluate(() => window.client.getToken()), null)
    })
  })
}
