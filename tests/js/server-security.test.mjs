// What a request may not decide on the server, held against a real attacker: an HTTP server of
// its own (port 0, every address of the loopback) that serves a JWKS of the attacker's key and
// counts every connection it gets. The app's instance is a production one whose Frontend API is
// reached through a path proxy (`proxyUrl: '/__clerk'`), its keys fetched from the Frontend API
// the publishable key names: a fetch stub answers that one URL with the instance's JWKS and hands
// every other URL to the real fetch, so a request that could choose the key source would reach
// the attacker's server. Clerk's own SDK (@clerk/backend, networkless with `jwtKey`) judges the
// same requests: the answers must be its status and reason, and the attacker's server must see
// no connection at all.
import assert from 'node:assert/strict'
import { KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import { after, before, describe, test } from 'node:test'
import { createClerkClient } from '@clerk/backend'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { AuthError, authenticateRequest, verifyToken } from 'wasm-auth/server'

const APP = 'https://app.example.com'
const FAPI = 'clerk.app.example.com'
const JWKS_URL = `https://${FAPI}/.well-known/jwks.json`
const key = (kind) => `pk_${kind}_${btoa(`${FAPI}$`).replace(/=+$/, '')}`
const LIVE = key('live')
const TEST = key('test')
const KID = 'ins_main'
const now = Math.floor(Date.now() / 1000)

async function signer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }
  const sign = (claims = {}) =>
    new SignJWT({
      sub: 'user_1',
      sid: 'sess_1',
      azp: APP,
      iss: `https://${FAPI}`,
      iat: now - 5,
      exp: now + 600,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KID })
      .sign(KeyObject.from(privateKey))
  return { jwk, pem: await exportSPKI(publicKey), sign }
}
// The attacker copies everything it can see: the kid, the issuer, the authorized party.
const [instance, attacker] = await Promise.all([signer(), signer()])
const legitToken = await instance.sign()
const expiredToken = await instance.sign({ iat: now - 600, exp: now - 60 })
const forgedToken = await attacker.sign({ sub: 'user_attacker', sid: 'sess_attacker' })

const legit = { requests: 0 } // fetches of the configured JWKS URL
const attackerServer = { connections: 0, requests: [] }
let server, port
const realFetch = globalThis.fetch

before(async () => {
  server = createServer((req, res) => {
    attackerServer.requests.push(`${req.headers.host}${req.url}`)
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [attacker.jwk] }))
  })
  server.on('connection', () => attackerServer.connections++)
  await new Promise((resolve) => server.listen(0, '0.0.0.0', resolve))
  port = server.address().port
  globalThis.fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input) === JWKS_URL) {
      legit.requests++
      return Response.json({ keys: [instance.jwk] })
    }
    return realFetch(input, init)
  }
})
after(() => {
  globalThis.fetch = realFetch
  server.closeAllConnections()
  server.close()
})

const attackerHost = (n = 1) => `127.0.0.${n}:${port}`
const clerk = (publishableKey = LIVE) =>
  createClerkClient({ publishableKey, secretKey: 'sk_live_unused', jwtKey: instance.pem })
const OPTIONS = { publishableKey: LIVE, proxyUrl: '/__clerk' }

/** The headers that name the attacker's server as the request's own origin. */
const carriers = {
  Host: () => ({ host: attackerHost() }),
  'X-Forwarded-Host and X-Forwarded-Proto': () => ({
    'x-forwarded-host': attackerHost(),
    'x-forwarded-proto': 'http',
  }),
  'X-Forwarded-Host as a list': () => ({
    'x-forwarded-host': `${attackerHost()}, app.example.com`,
    'x-forwarded-proto': 'http, https',
  }),
}
// A Fetch Request, Node's IncomingMessage (a path and a plain object of headers), and a plain
// object with an absolute URL and a Headers.
const shapes = {
  Request: (headers) => new Request('http://app.example.com/api/me', { headers }),
  '{ url: path, headers: object }': (headers) => ({ url: '/api/me', method: 'GET', headers }),
  '{ url, headers: Headers }': (headers) => ({ url: 'http://app.example.com/api/me', headers: new Headers(headers) }),
}
const places = {
  bearer: (token) => ({ authorization: `Bearer ${token}` }),
  '__session cookie': (token) => ({ cookie: `__session=${token}; __client_uat=${now - 60}` }),
}

/** The same request as a Request for Clerk (which takes nothing else): Node adapters build one so. */
const forClerk = (made) =>
  made instanceof Request ? made : new Request(new URL(made.url, 'http://app.example.com'), { headers: made.headers })

/** What is compared: ours carries the auth fields, Clerk's state gives them through toAuth(). */
const outcome = (state) => ({
  status: state.status,
  reason: state.reason,
  userId: (typeof state.toAuth === 'function' ? state.toAuth()?.userId : state.userId) ?? null,
})

describe('the request cannot choose where the keys come from', () => {
  for (const [carrierName, carrier] of Object.entries(carriers))
    for (const [shapeName, shape] of Object.entries(shapes))
      for (const [placeName, place] of Object.entries(places)) {
        test(`${carrierName}, ${shapeName}, the token as ${placeName}: signed out as in Clerk, the attacker never contacted`, async () => {
          const headers = { ...carrier(), ...place(forgedToken), accept: '*/*' }
          const ours = outcome(await authenticateRequest(shape(headers), OPTIONS))
          const theirs = outcome(await clerk().authenticateRequest(forClerk(shape(headers)), { proxyUrl: '/__clerk' }))
          assert.deepEqual(ours, { status: 'signed-out', reason: 'token-invalid-signature', userId: null })
          assert.deepEqual(ours, theirs)
          assert.equal(attackerServer.connections, 0, `the attacker's server was reached: ${attackerServer.requests}`)
        })
      }

  test("the instance's own token, on a request naming the attacker: signed in with the configured keys", async () => {
    const headers = { ...carriers['X-Forwarded-Host and X-Forwarded-Proto'](), ...places.bearer(legitToken) }
    const auth = await authenticateRequest(shapes.Request(headers), OPTIONS)
    assert.deepEqual(outcome(auth), { status: 'signed-in', reason: null, userId: 'user_1' })
    assert.ok(legit.requests >= 1, 'the keys came from the Frontend API the publishable key names')
    assert.equal(attackerServer.connections, 0)
  })

  test('verifyToken with a path proxyUrl takes the keys from the publishable key, never from a relative URL', async () => {
    assert.equal((await verifyToken(legitToken, OPTIONS)).sub, 'user_1')
    await assert.rejects(verifyToken(forgedToken, OPTIONS), { reason: 'token-invalid-signature' })
    assert.equal(attackerServer.connections, 0)
  })

  test('16 and more hosts in requests cannot push the real key set out of the cache', async () => {
    const request = (headers) => new Request('https://app.example.com/api/me', { headers })
    const before = legit.requests
    const first = await authenticateRequest(request(places.bearer(legitToken)), OPTIONS)
    assert.equal(first.status, 'signed-in')
    const fetched = legit.requests
    assert.ok(fetched - before <= 1)
    for (let n = 1; n <= 20; n++) {
      const headers = {
        'x-forwarded-host': attackerHost(n),
        'x-forwarded-proto': 'http',
        ...places.bearer(forgedToken),
      }
      const auth = await authenticateRequest(request(headers), OPTIONS)
      assert.deepEqual([auth.status, auth.reason], ['signed-out', 'token-invalid-signature'], `host ${n}`)
    }
    const again = await authenticateRequest(request(places.bearer(legitToken)), OPTIONS)
    assert.equal(again.status, 'signed-in')
    assert.equal(legit.requests, fetched, 'the cached set kept serving: no refetch')
    assert.equal(attackerServer.connections, 0)
  })
})

describe('options that name no place for the keys are refused, saying what to pass', () => {
  const request = () =>
    new Request('http://app.example.com/api/me', {
      headers: { ...carriers['X-Forwarded-Host and X-Forwarded-Proto'](), ...places.bearer(forgedToken) },
    })
  const says = (name) => (error) =>
    error instanceof AuthError &&
    error.code === 'options-invalid' &&
    error.message.includes(name) &&
    /jwtKey/.test(error.message) &&
    /jwksUrl/.test(error.message)

  test('a path proxyUrl without a publishable key (nothing names the Frontend API)', async () => {
    await assert.rejects(authenticateRequest(request(), { proxyUrl: '/__clerk' }), says('proxyUrl'))
    await assert.rejects(verifyToken(forgedToken, { proxyUrl: '/__clerk' }), says('proxyUrl'))
    assert.equal(attackerServer.connections, 0)
  })

  for (const jwksUrl of ['/.well-known/jwks.json', '.well-known/jwks.json', `//${attackerHost()}/jwks.json`]) {
    test(`a relative jwksUrl (${jwksUrl.replace(String(port), 'port')})`, async () => {
      await assert.rejects(authenticateRequest(request(), { ...OPTIONS, jwksUrl }), says('jwksUrl'))
      await assert.rejects(verifyToken(forgedToken, { jwksUrl }), says('jwksUrl'))
      assert.equal(attackerServer.connections, 0)
    })
  }
})

describe('handshake redirects never send the browser to a host the request names', () => {
  const document = { 'sec-fetch-dest': 'document', accept: 'text/html' }
  const forged = { 'x-forwarded-host': 'evil.example.net', 'x-forwarded-proto': 'https' }

  test('to a path proxy: a relative Location, the rest as Clerk builds it', async () => {
    const headers = { ...document, ...forged, cookie: `__session=${expiredToken}; __client_uat=${now - 900}` }
    const make = () => new Request(`${APP}/page?a=1`, { headers })
    const ours = await authenticateRequest(make(), OPTIONS)
    const theirs = await clerk().authenticateRequest(make(), { proxyUrl: '/__clerk' })
    assert.deepEqual([ours.status, ours.reason], [theirs.status, theirs.reason])
    assert.equal(ours.status, 'handshake')
    const location = ours.headers.get('location')
    assert.match(location, /^\/__clerk\/v1\/client\/handshake\?/, 'relative: it stays on the origin the browser is on')
    const expected = new URL(theirs.headers.get('location'))
    expected.searchParams.set('format', 'token')
    assert.equal(location, `${expected.pathname}${expected.search}`)
    // The Frontend API checks redirect_url against the instance's allowed origins; Clerk builds it
    // from the forwarded headers too.
    assert.equal(new URL(location, APP).searchParams.get('redirect_url'), 'https://evil.example.net/page?a=1')
  })

  test('to an absolute proxyUrl or the Frontend API: that configured URL', async () => {
    const headers = { ...document, ...forged, cookie: `__session=${expiredToken}; __client_uat=${now - 900}` }
    const jwks = { keys: [instance.jwk] }
    for (const [options, target] of [
      [{ publishableKey: LIVE, jwks }, `https://${FAPI}/v1/client/handshake`],
      [{ publishableKey: LIVE, jwks, proxyUrl: `${APP}/__clerk` }, `${APP}/__clerk/v1/client/handshake`],
    ]) {
      const auth = await authenticateRequest(new Request(`${APP}/page`, { headers }), options)
      assert.equal(auth.headers.get('location').split('?')[0], target)
    }
  })

  const cookies = [`__session=${legitToken}; Path=/; SameSite=Lax`, `__client_uat=${now - 5}; Path=/; SameSite=Lax`]
  const sameOrigin = (location) => location === null || /^\/(?![/\\])/.test(location)
  for (const [kind, publishableKey] of [
    ['production', LIVE],
    ['development', TEST],
  ]) {
    for (const path of ['/page?a=1', '//evil.example.net/page?a=1']) {
      test(`${kind}: completing a handshake (${path}) never redirects to another origin`, async () => {
        const handshake = await instance.sign({ handshake: cookies, sub: undefined })
        const url = `${APP}${path}&__clerk_handshake=${handshake}&__clerk_db_jwt=dvb_1`
        // The keys as an object: this is about the redirect, whatever the key source.
        const auth = await authenticateRequest(new Request(url, { headers: { ...document, ...forged } }), {
          publishableKey,
          jwks: { keys: [instance.jwk] },
        })
        assert.deepEqual([auth.status, auth.userId], ['signed-in', 'user_1'])
        assert.deepEqual(auth.headers.getSetCookie(), cookies)
        const location = auth.headers.get('location')
        assert.ok(sameOrigin(location), `Location: ${location}`)
        // The same URL, on whatever origin the browser is on, without the handshake's parameters.
        assert.equal(new URL(location, 'https://anywhere.example').href, `https://anywhere.example${path}`)
        assert.equal(auth.headers.get('cache-control'), 'no-store')
      })
    }
  }
})
