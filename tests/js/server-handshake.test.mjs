// The handshake, both halves: when authenticateRequest offers one (document GETs only, Clerk's
// redirect-loop guard, nothing without a Frontend API to send the browser to) and what the
// redirect holds; then completing it with the Frontend API's `format=token` answer, a handshake
// JWT signed by the instance key (signed here with jose, under a key of the dev server's shape:
// RS256, a kid, `use: sig`, served as a JWKS), against @clerk/backend where Clerk can judge.
import assert from 'node:assert/strict'
import { KeyObject } from 'node:crypto'
import { describe, test } from 'node:test'
import { createClerkClient } from '@clerk/backend'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { authenticateRequest } from 'wasm-auth/server'

const APP = 'https://app.example.com'
const FAPI = 'clerk.app.example.com'
const now = Math.floor(Date.now() / 1000)
const key = (kind) => `pk_${kind}_${btoa(`${FAPI}$`).replace(/=+$/, '')}`
const LIVE = key('live')
const TEST = key('test')

async function signer(kid) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } // the dev server's shape
  const sign = (claims, header = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid, ...header })
      .sign(KeyObject.from(privateKey))
  return { jwk, pem: await exportSPKI(publicKey), sign }
}
const instance = await signer('ins_main')
const other = await signer('ins_other')
const jwks = { keys: [instance.jwk] }

const session = await instance.sign({ sub: 'user_1', sid: 'sess_1', azp: APP, iat: now - 5, exp: now + 60 })
const expired = await instance.sign({ sub: 'user_1', sid: 'sess_1', azp: APP, iat: now - 600, exp: now - 60 })
const document = { 'sec-fetch-dest': 'document', accept: 'text/html' }
const uat = `__client_uat=${now - 900}` // older than both tokens

describe('when a handshake is offered', () => {
  const expiredCookie = { cookie: `__session=${expired}; ${uat}` }
  const ask = (init, options = { publishableKey: LIVE, jwks }) =>
    authenticateRequest(new Request(`${APP}/page?a=1`, init), options)

  test('a document GET whose token expired: a redirect to the Frontend API, never cached', async () => {
    const auth = await ask({ headers: { ...document, ...expiredCookie } })
    assert.deepEqual(
      [auth.status, auth.reason],
      ['handshake', 'session-token-expired-refresh-non-eligible-no-refresh-cookie'],
    )
    const location = new URL(auth.headers.get('location'))
    assert.equal(`${location.origin}${location.pathname}`, `https://${FAPI}/v1/client/handshake`)
    assert.deepEqual(Object.fromEntries(location.searchParams), {
      redirect_url: `${APP}/page?a=1`,
      __clerk_api_version: '2026-05-12',
      suffixed_cookies: 'false',
      __clerk_hs_reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie',
      format: 'token',
      __session: expired,
    })
    assert.equal(auth.headers.get('cache-control'), 'no-store')
    assert.deepEqual(auth.headers.getSetCookie(), ['__clerk_redirect_count=1; SameSite=Lax; HttpOnly; Max-Age=2'])
    assert.equal(auth.headers.get('x-clerk-auth-status'), 'handshake')
    assert.deepEqual([auth.userId, auth.isAuthenticated, auth.has({ role: 'org:admin' })], [null, false, false])
  })

  test('an Accept of HTML without Sec-Fetch-Dest counts as a document', async () => {
    const auth = await ask({ headers: { accept: 'text/html,application/xhtml+xml', ...expiredCookie } })
    assert.equal(auth.status, 'handshake')
  })

  const notOffered = {
    'a fetch': { headers: { 'sec-fetch-dest': 'empty', ...expiredCookie } },
    'a form post': { method: 'POST', headers: { ...document, ...expiredCookie } },
    'the fourth redirect in a row (the loop guard)': {
      headers: { ...document, cookie: `${expiredCookie.cookie}; __clerk_redirect_count=3` },
    },
  }
  for (const [name, init] of Object.entries(notOffered)) {
    test(`not to ${name}: signed out, same reason family, no redirect`, async () => {
      const auth = await ask(init)
      assert.equal(auth.status, 'signed-out')
      assert.match(auth.reason, /^session-token-expired-refresh-non-eligible-/)
      assert.equal(auth.headers.get('location'), null)
      assert.deepEqual(auth.headers.getSetCookie(), [])
    })
  }

  test('not without a Frontend API to send the browser to, nor without a URL to come back to', async () => {
    const noInstance = await ask({ headers: { ...document, ...expiredCookie } }, { jwks })
    assert.deepEqual([noInstance.status, noInstance.headers.get('location')], ['signed-out', null])
    const noUrl = await authenticateRequest(
      { headers: { ...document, ...expiredCookie } },
      { publishableKey: LIVE, jwks },
    )
    assert.deepEqual([noUrl.status, noUrl.headers.get('location')], ['signed-out', null])
  })

  test('proxyUrl: the handshake goes through the app (a path is a relative Location)', async () => {
    const auth = await ask(
      { headers: { ...document, ...expiredCookie } },
      { publishableKey: LIVE, jwks, proxyUrl: '/__clerk' },
    )
    assert.equal(auth.headers.get('location').split('?')[0], '/__clerk/v1/client/handshake')
    assert.equal(new URL(auth.headers.get('location'), APP).searchParams.get('redirect_url'), `${APP}/page?a=1`)
  })

  test('development: no dev browser token yet, and one arriving in the URL, are handshakes too', async () => {
    const fresh = await ask({ headers: document }, { publishableKey: TEST, jwks })
    assert.deepEqual([fresh.status, fresh.reason], ['handshake', 'dev-browser-missing'])
    const synced = await authenticateRequest(new Request(`${APP}/?__clerk_db_jwt=dvb_1`, { headers: document }), {
      publishableKey: TEST,
      jwks,
    })
    assert.deepEqual([synced.status, synced.reason], ['handshake', 'dev-browser-sync'])
    const location = new URL(synced.headers.get('location'))
    assert.equal(location.searchParams.get('redirect_url'), `${APP}/`, 'the token leaves the URL it comes back to')
    assert.equal(location.searchParams.get('__clerk_db_jwt'), 'dvb_1', 'and goes to the Frontend API')
  })

  test('satellite domains are refused as an option, not silently half-done', async () => {
    await assert.rejects(ask({ headers: document }, { publishableKey: LIVE, jwks, isSatellite: true }), {
      code: 'options-invalid',
    })
  })
})

describe('completing a handshake with a format=token answer', () => {
  const cookies = [`__session=${session}; Path=/; SameSite=Lax`, `__client_uat=${now - 5}; Path=/; SameSite=Lax`]
  const signedOutCookies = [`__session=; Path=/; Max-Age=0`, `__client_uat=0; Path=/; SameSite=Lax`]
  const handshake = (payload, by = instance, header) => by.sign({ iat: now - 1, exp: now + 60, ...payload }, header)
  // Development gets the token in the URL, production as a cookie (as Clerk's Frontend API sends them).
  const back = (kind, token, extra = '') =>
    kind === 'development'
      ? new Request(`${APP}/page?a=1&__clerk_handshake=${token}${extra}`, { headers: document })
      : new Request(`${APP}/page?a=1`, { headers: { ...document, cookie: `__clerk_handshake=${token}` } })
  const clerkFor = (kind) =>
    createClerkClient({
      publishableKey: kind === 'development' ? TEST : LIVE,
      secretKey: kind === 'development' ? 'sk_test_unused' : 'sk_live_unused',
      jwtKey: instance.pem,
    })
  const oursFor = (kind) => ({ publishableKey: kind === 'development' ? TEST : LIVE, jwks })

  for (const kind of ['development', 'production']) {
    test(`${kind}: signed in, the cookies to set, and as Clerk says`, async () => {
      const token = await handshake({ handshake: cookies })
      const auth = await authenticateRequest(back(kind, token, '&__clerk_db_jwt=dvb_1'), oursFor(kind))
      const theirs = await clerkFor(kind).authenticateRequest(back(kind, token, '&__clerk_db_jwt=dvb_1'))
      assert.deepEqual([auth.status, auth.reason, auth.userId], ['signed-in', null, 'user_1'])
      assert.deepEqual(auth.headers.getSetCookie(), cookies)
      assert.deepEqual([theirs.status, theirs.headers.getSetCookie()], ['signed-in', cookies])
      // Clerk redirects development to the absolute clean URL; ours is relative (on the origin the
      // browser is on) and also takes a production token out of the URL: there it came in a cookie.
      const clean = theirs.headers.get('location')
      assert.equal(auth.headers.get('location'), clean && `${new URL(clean).pathname}${new URL(clean).search}`)
      if (kind === 'development') assert.equal(auth.headers.get('location'), '/page?a=1', 'the clean URL')
      assert.equal(await auth.getToken(), session)
    })

    test(`${kind}: a handshake that signs out sets its cookies and answers signed out`, async () => {
      const token = await handshake({ handshake: signedOutCookies.slice(1) })
      const auth = await authenticateRequest(back(kind, token), oursFor(kind))
      const theirs = await clerkFor(kind).authenticateRequest(back(kind, token))
      assert.deepEqual([auth.status, auth.reason], ['signed-out', 'session-token-missing'])
      assert.deepEqual([theirs.status, theirs.reason], ['signed-out', 'session-token-missing'])
      assert.deepEqual(auth.headers.getSetCookie(), theirs.headers.getSetCookie())
    })
  }

  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const refused = {
    'forged (signed by another key)': [
      () => handshake({ handshake: cookies }, other, { kid: 'ins_main' }),
      'token-invalid-signature',
    ],
    'forged (alg none)': [
      () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ handshake: cookies })}.`,
      'token-invalid-algorithm',
    ],
    // Stricter than Clerk, which checks no date on a handshake token: a replayed one sets nothing.
    expired: [() => handshake({ handshake: cookies, exp: now - 60 }), 'token-expired', 'Clerk accepts it'],
    'foreign (another instance, its own kid)': [
      () => handshake({ handshake: cookies }, other, { kid: 'ins_other' }),
      'jwk-kid-mismatch',
    ],
    'a machine token': [() => handshake({ handshake: cookies }, instance, { cat: 'cl_B7d4PD333AAA' }), 'token-invalid'],
  }
  for (const [name, [make, reason, clerkAccepts]] of Object.entries(refused)) {
    test(`development: ${name} is refused with its reason and sets no cookie (Clerk throws)`, async () => {
      const token = await make()
      const auth = await authenticateRequest(back('development', token), oursFor('development'))
      assert.deepEqual([auth.status, auth.reason, auth.headers.getSetCookie()], ['signed-out', reason, []])
      assert.equal(auth.headers.get('location'), null)
    })

    test(`production: ${name} sets no cookie; the request goes on by its cookies, as in Clerk`, async () => {
      const token = await make()
      const auth = await authenticateRequest(back('production', token), oursFor('production'))
      const { error } = console
      console.error = () => {} // Clerk logs the refused handshake
      const theirs = await clerkFor('production')
        .authenticateRequest(back('production', token))
        .finally(() => {
          console.error = error
        })
      assert.deepEqual([auth.status, auth.reason], ['signed-out', 'session-token-and-uat-missing'])
      assert.equal(auth.headers.getSetCookie().length, 0)
      if (clerkAccepts)
        assert.deepEqual([theirs.status, theirs.headers.getSetCookie()], ['signed-in', cookies], clerkAccepts)
      else assert.deepEqual([theirs.status, theirs.reason], [auth.status, auth.reason])
    })
  }

  test('development: a session token the handshake carries that fails verification sets no cookie', async () => {
    const token = await handshake({ handshake: [`__session=${expired}; Path=/`] })
    const auth = await authenticateRequest(back('development', token, '&__clerk_db_jwt=dvb_1'), oursFor('development'))
    // Clerk retries with a day of skew for a development clock, then goes on with the cookies.
    assert.deepEqual([auth.status, auth.userId], ['signed-in', 'user_1'], 'a minute late is within a day')
    const stale = await instance.sign({ sub: 'user_1', sid: 'sess_1', iat: now - 200_000, exp: now - 100_000 })
    const tooOld = await handshake({ handshake: [`__session=${stale}; Path=/`] })
    const refused = await authenticateRequest(
      back('development', tooOld, '&__clerk_db_jwt=dvb_1'),
      oursFor('development'),
    )
    assert.equal(refused.status, 'handshake', 'the cookies decide (a dev browser, no session): a new handshake')
    assert.deepEqual(refused.headers.getSetCookie(), ['__clerk_redirect_count=1; SameSite=Lax; HttpOnly; Max-Age=2'])
  })
})
