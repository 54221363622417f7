// GET /v1/client/handshake on both instance kinds: the redirect back to redirect_url with a
// handshake token (in the URL on development, in a cookie on production), the token signed by
// the instance key, and the Set-Cookie directives it carries for the client's state. The whole
// round trip with wasm-auth/server and @clerk/backend is tests/js/server-handshake-dev-server.test.mjs.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose'
import { APP_ORIGIN, startTestAuthServer } from '../support/auth-server.mjs'

const YEAR = 365 * 24 * 3600
const back = `${APP_ORIGIN}/page?x=1`

/** The handshake as an app's server sends the browser to it (wasm-auth/server's query). */
function handshakeUrl(params = {}) {
  const query = new URLSearchParams({ redirect_url: back, suffixed_cookies: 'false', format: 'token', ...params })
  return `/v1/client/handshake?${query}`
}

/** The handshake token's directives, once it verifies with the instance's JWKS. */
async function directivesOf(t, token) {
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(t.jwks), { algorithms: ['RS256'] })
  assert.deepEqual(protectedHeader, { alg: 'RS256', kid: t.jwks.keys[0].kid, typ: 'JWT' })
  assert.equal(payload.exp - payload.iat, 60, 'a handshake token is good for a minute')
  return payload.handshake
}

const named = (directives) => Object.fromEntries(directives.map((d) => [d.split('=')[0], d]))
const valueOf = (directive) => directive.split(';')[0].split('=')[1]

describe('a development instance', () => {
  let t
  before(async () => {
    t = await startTestAuthServer({ instance: 'development' })
  })
  after(() => t.stop())
  beforeEach(() => t.reset())

  /** A browser signed in as `user`, and the handshake token it gets back with `params`. */
  async function handshake(user, params) {
    const browser = t.browser()
    if (user) await browser.signIn(user)
    const response = await browser.request(handshakeUrl(params))
    assert.equal(response.status, 307, await response.clone().text())
    assert.equal(response.headers.get('cache-control'), 'no-store')
    assert.deepEqual(response.headers.getSetCookie(), [], 'development: nothing rides in cookies')
    const location = new URL(response.headers.get('location'))
    const token = location.searchParams.get('__clerk_handshake')
    location.searchParams.delete('__clerk_handshake')
    assert.equal(location.href, back, 'back to redirect_url, the token added')
    return { browser, token, directives: await directivesOf(t, token) }
  }

  test('signed in: a fresh session token, __client_uat and the dev browser, plain names', async () => {
    const { browser, directives } = await handshake('user_alice')
    const cookies = named(directives)
    assert.deepEqual(Object.keys(cookies), ['__session', '__client_uat', '__clerk_db_jwt'])
    const session = valueOf(cookies.__session)
    assert.equal(cookies.__session, `__session=${session}; Path=/; Max-Age=${YEAR}; SameSite=Lax`)
    const { payload } = await t.verify(session)
    assert.deepEqual([payload.sub, payload.o.id, payload.iss], ['user_alice', 'org_acme', t.issuer])
    assert.equal(payload.azp, APP_ORIGIN, "the app's origin: the navigation has no Origin header")
    const { body } = await browser.json('/v1/client')
    assert.equal(payload.sid, body.response.last_active_session_id)
    const uat = Math.floor(body.response.updated_at / 1000)
    assert.equal(cookies.__client_uat, `__client_uat=${uat}; Path=/; Max-Age=${YEAR}; SameSite=Lax`)
    assert.ok(payload.iat >= uat, 'the token is not older than __client_uat')
    assert.equal(
      cookies.__clerk_db_jwt,
      `__clerk_db_jwt=${browser.devBrowserToken}; Path=/; Max-Age=${YEAR}; SameSite=Lax`,
    )
  })

  test('suffixed_cookies=true: each cookie under its suffixed name too', async () => {
    const { directives } = await handshake('user_bob', { suffixed_cookies: 'true' })
    const s = t.cookieSuffix
    assert.deepEqual(Object.keys(named(directives)), [
      '__session',
      `__session_${s}`,
      '__client_uat',
      `__client_uat_${s}`,
      '__clerk_db_jwt',
      `__clerk_db_jwt_${s}`,
    ])
    const cookies = named(directives)
    assert.equal(valueOf(cookies.__session), valueOf(cookies[`__session_${s}`]), 'one token under both names')
  })

  test('a browser without a dev browser gets a new one, signed out; it then works as any other', async () => {
    const { token, directives } = await handshake(null)
    const cookies = named(directives)
    assert.deepEqual(directives.slice(0, 2), [
      '__session=; Path=/; Max-Age=0',
      `__client_uat=0; Path=/; Max-Age=${YEAR}; SameSite=Lax`,
    ])
    const devBrowser = valueOf(cookies.__clerk_db_jwt)
    assert.match(devBrowser, /^dvb_[0-9a-f]{32}$/)
    assert.ok(token)
    const browser = t.browser()
    browser.devBrowserToken = devBrowser
    const { status, body } = await browser.json('/v1/client')
    assert.deepEqual([status, body.response], [200, null])

    const forged = t.browser()
    forged.devBrowserToken = 'dvb_forged'
    const response = await forged.request(handshakeUrl())
    const fresh = named(
      await directivesOf(t, new URL(response.headers.get('location')).searchParams.get('__clerk_handshake')),
    )
    assert.notEqual(valueOf(fresh.__clerk_db_jwt), 'dvb_forged', 'an unknown token is replaced, not trusted')
  })

  test('signed out: the session cookie removed, __client_uat 0', async () => {
    const browser = t.browser()
    await browser.signIn('user_bob')
    await browser.json('/v1/client/sessions?_method=DELETE', { method: 'POST' })
    const response = await browser.request(handshakeUrl())
    const directives = await directivesOf(
      t,
      new URL(response.headers.get('location')).searchParams.get('__clerk_handshake'),
    )
    assert.deepEqual(directives.slice(0, 2), [
      '__session=; Path=/; Max-Age=0',
      `__client_uat=0; Path=/; Max-Age=${YEAR}; SameSite=Lax`,
    ])
  })

  test('a pending session gets its token (sts: pending): the app decides', async () => {
    const { directives } = await handshake('user_pending')
    const { payload } = await t.verify(valueOf(named(directives).__session))
    assert.equal(payload.sts, 'pending')
  })

  test('organization_id: an id or slug of a membership becomes active, empty is personal, others change nothing', async () => {
    const orgOf = async (directives) => (await t.verify(valueOf(named(directives).__session))).payload.o?.id ?? null
    const browser = t.browser()
    await browser.signIn('user_alice')
    const ask = async (organization_id) => {
      const response = await browser.request(handshakeUrl({ organization_id }))
      return orgOf(
        await directivesOf(t, new URL(response.headers.get('location')).searchParams.get('__clerk_handshake')),
      )
    }
    assert.equal(await ask('beta'), 'org_beta', 'by slug')
    assert.equal((await browser.json('/v1/client')).body.response.sessions[0].last_active_organization_id, 'org_beta')
    assert.equal(await ask('org_megacorp'), 'org_beta', 'not a member: unchanged')
    assert.equal(await ask('org_nope'), 'org_beta', 'no such organization: unchanged')
    assert.equal(await ask(''), null, 'the personal account')
    assert.equal(await ask('org_acme'), 'org_acme', 'by id')
  })

  test('format=nonce gets a token too, as the Frontend API answers a small payload', async () => {
    const { directives } = await handshake('user_bob', { format: 'nonce' })
    assert.equal((await t.verify(valueOf(named(directives).__session))).payload.sub, 'user_bob')
  })

  test('refused: no redirect_url, one that is not http(s), another origin, an unknown format', async () => {
    const browser = t.browser()
    await browser.devBrowser()
    const refused = async (query) => {
      const { status, body } = await browser.json(`/v1/client/handshake?${new URLSearchParams(query)}`)
      assert.equal(status, 400)
      return body.errors[0].code
    }
    assert.equal(await refused({}), 'form_param_missing')
    assert.equal(await refused({ redirect_url: 'javascript:alert(1)' }), 'form_param_format_invalid')
    assert.equal(await refused({ redirect_url: 'https://evil.example/' }), 'form_param_value_invalid')
    assert.equal(await refused({ redirect_url: back, format: 'cookie' }), 'form_param_format_invalid')
  })

  test('counted as handshake in /dev/stats, and faults can target it', async () => {
    const browser = t.browser()
    await browser.devBrowser()
    await browser.request(handshakeUrl())
    assert.equal((await t.stats()).handshake, 1)
    await t.fault({ route: 'handshake', status: 503, times: 1 })
    assert.equal((await browser.request(handshakeUrl())).status, 503)
    assert.equal((await browser.request(handshakeUrl())).status, 307)
  })
})

describe('a production instance', () => {
  let t
  before(async () => {
    t = await startTestAuthServer({ instance: 'production' })
  })
  after(() => t.stop())
  beforeEach(() => t.reset())

  /** The handshake's answer to `browser`: the token from its cookie, the redirect, the cookies set. */
  async function handshake(browser, params) {
    const response = await browser.request(handshakeUrl(params))
    assert.equal(response.status, 307, await response.clone().text())
    assert.equal(response.headers.get('location'), back, 'back to redirect_url as it was')
    assert.equal(response.headers.get('cache-control'), 'no-store')
    const cookies = named(response.headers.getSetCookie())
    const token = valueOf(cookies.__clerk_handshake)
    assert.equal(cookies.__clerk_handshake, `__clerk_handshake=${token}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax`)
    return { response, cookies, token, directives: await directivesOf(t, token) }
  }

  test('signed in (the __client cookie): the token in a cookie, and the directives remove it again', async () => {
    const browser = t.browser()
    await browser.request('/sign-in', { method: 'POST', form: { user: 'user_alice', redirect_url: `${APP_ORIGIN}/` } })
    const { cookies, directives } = await handshake(browser, { suffixed_cookies: 'true' })
    const s = t.cookieSuffix
    assert.deepEqual(Object.keys(named(directives)), [
      '__session',
      `__session_${s}`,
      '__client_uat',
      `__client_uat_${s}`,
      '__clerk_handshake',
    ])
    assert.equal(named(directives).__clerk_handshake, '__clerk_handshake=; Path=/; Max-Age=0')
    const { payload } = await t.verify(valueOf(named(directives).__session))
    assert.deepEqual([payload.sub, payload.iss, payload.azp], ['user_alice', t.url, APP_ORIGIN])
    const { body } = await browser.json('/v1/client')
    const uat = String(Math.floor(body.response.updated_at / 1000))
    assert.equal(valueOf(named(directives).__client_uat), uat)
    assert.equal(
      valueOf(cookies.__client_uat),
      uat,
      'the Frontend API keeps __client_uat on the site as on every answer',
    )
  })

  test('a token too large for a cookie (4 KB) rides in the URL instead', async () => {
    const browser = t.browser()
    await browser.request('/sign-in', { method: 'POST', form: { user: 'user_carol', redirect_url: `${APP_ORIGIN}/` } })
    // 103 permissions, under two names: the handshake token is about 6 KB.
    const response = await browser.request(handshakeUrl({ suffixed_cookies: 'true' }))
    assert.equal(response.status, 307)
    assert.equal(named(response.headers.getSetCookie()).__clerk_handshake, undefined)
    const token = new URL(response.headers.get('location')).searchParams.get('__clerk_handshake')
    assert.ok(token.length > 4096, `${token.length} bytes`)
    const { payload } = await t.verify(valueOf(named(await directivesOf(t, token)).__session))
    assert.equal(payload.sub, 'user_carol')
  })

  test('no __client cookie: signed out', async () => {
    const { directives } = await handshake(t.browser())
    assert.deepEqual(directives, [
      '__session=; Path=/; Max-Age=0',
      `__client_uat=0; Path=/; Max-Age=${YEAR}; SameSite=Lax`,
      '__clerk_handshake=; Path=/; Max-Age=0',
    ])
  })
})

test('an https app gets Secure cookies', async () => {
  const t = await startTestAuthServer({ instance: 'production', allowedOrigins: ['https://app.example.com'] })
  try {
    const browser = t.browser('https://app.example.com')
    await browser.request('/dev/sign-in', { method: 'POST', json: { user: 'user_bob' } })
    const response = await browser.request(handshakeUrl({ redirect_url: 'https://app.example.com/' }))
    const [cookie] = response.headers.getSetCookie()
    assert.match(cookie, /^__clerk_handshake=[^;]+; Path=\/; Max-Age=60; HttpOnly; SameSite=Lax; Secure$/)
    const directives = decodeJwt(valueOf(cookie)).handshake
    assert.match(directives[0], /^__session=[^;]+; Path=\/; Max-Age=\d+; SameSite=Lax; Secure$/)
    assert.equal(decodeProtectedHeader(valueOf(cookie)).alg, 'RS256')
  } finally {
    await t.stop()
  }
})
