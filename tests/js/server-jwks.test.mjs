// Keys fetched for you (js/server/jwks.js) against a real HTTP server this file starts (port 0),
// which counts its requests and can be told to hang or to fail: one fetch for a cold cache under
// 1,000 concurrent requests, at most one refetch per cooldown for 1,000 random unknown kids, a
// typed error within the timeout from a server that hangs or answers 500, a warm cache that keeps
// verifying through both, the TTL, a rotation picked up, and the dev auth server's own JWKS. Each
// scenario has a URL of its own, so each starts with a cold cache.
import assert from 'node:assert/strict'
import { randomUUID, KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import { after, before, describe, test } from 'node:test'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { AuthError, TokenVerificationError, authenticateRequest, verifyToken } from 'wasm-auth/server'
import { clock } from '../../node_modules/wasm-auth/jwks.js'
import { startTestAuthServer } from '../support/auth-server.mjs'

// The fetching rules' clock, moved by the tests instead of waited for.
let offset = 0
clock.now = () => Date.now() + offset
const pass = (ms) => (offset += ms)

const now = Math.floor(Date.now() / 1000)
async function keyPair(kid) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  const sign = (claims = {}, header = {}) =>
    new SignJWT({ sub: 'user_1', sid: 'sess_1', iat: now - 5, exp: now + 600, ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid, ...header })
      .sign(KeyObject.from(privateKey))
  return { jwk, sign }
}
const [first, second] = await Promise.all([keyPair('ins_1'), keyPair('ins_2')])
const token = await first.sign()

// /<scenario>/.well-known/jwks.json: each scenario's behaviour and request count.
const scenarios = new Map()
let server, base
before(async () => {
  server = createServer((req, res) => {
    const scenario = scenarios.get(req.url.split('/')[1])
    if (!scenario) return res.writeHead(404).end()
    scenario.requests++
    if (scenario.mode === 'hang') return scenario.hanging.push(res) // never answered
    if (scenario.mode === '500') return res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[]}')
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: scenario.keys }))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${server.address().port}`
})
after(() => {
  for (const scenario of scenarios.values()) for (const res of scenario.hanging) res.destroy()
  server.close()
})

/** A scenario of its own: its Frontend API URL (proxyUrl), its JWKS URL, and its state. */
function scenario(keys = [first.jwk], mode = 'ok') {
  const id = randomUUID()
  const state = { keys, mode, requests: 0, hanging: [] }
  scenarios.set(id, state)
  return { state, proxyUrl: `${base}/${id}`, jwksUrl: `${base}/${id}/.well-known/jwks.json` }
}

describe('one fetch, shared', () => {
  test('1,000 concurrent requests with a cold cache make one JWKS fetch', async () => {
    const { state, proxyUrl } = scenario()
    const request = () => new Request('https://app.example/api', { headers: { authorization: `Bearer ${token}` } })
    const results = await Promise.all(Array.from({ length: 1000 }, () => authenticateRequest(request(), { proxyUrl })))
    assert.ok(results.every((auth) => auth.status === 'signed-in' && auth.userId === 'user_1'))
    console.log(`1,000 concurrent requests, cold cache: ${state.requests} JWKS fetch`)
    assert.equal(state.requests, 1)
  })

  test('verifyToken with jwksUrl, frontendApi or proxyUrl fetches the same way, once per URL', async () => {
    const { state, jwksUrl, proxyUrl } = scenario()
    assert.equal((await verifyToken(token, { jwksUrl })).sub, 'user_1')
    assert.equal((await verifyToken(token, { frontendApi: proxyUrl })).sub, 'user_1', 'the same URL, derived')
    assert.equal((await verifyToken(token, { proxyUrl })).sub, 'user_1')
    assert.equal(state.requests, 1)
  })

  test('jwtKey or jwks, when given, win: nothing is fetched', async () => {
    const { state, proxyUrl } = scenario()
    await assert.rejects(verifyToken(token, { proxyUrl, jwks: { keys: [] } }), { reason: 'jwk-kid-mismatch' })
    assert.equal(state.requests, 0)
  })
})

describe('unknown kids', () => {
  test('1,000 tokens with random unknown kids make at most one refetch per cooldown', async () => {
    const cooldown = 250
    const { state, proxyUrl } = scenario()
    const options = { proxyUrl, jwksCooldownInMs: cooldown }
    assert.equal((await verifyToken(token, options)).sub, 'user_1') // warm
    const forged = await Promise.all(Array.from({ length: 1000 }, () => first.sign({}, { kid: randomUUID() })))
    const started = clock.now()
    let refused = 0
    for (let i = 0; i < forged.length; i += 50) {
      const batch = forged.slice(i, i + 50).map((t) => verifyToken(t, options).catch((e) => e.reason))
      refused += (await Promise.all(batch)).filter((reason) => reason === 'jwk-kid-mismatch').length
      pass(20)
    }
    const elapsed = clock.now() - started
    const refetches = state.requests - 1
    const allowed = Math.ceil(elapsed / cooldown) + 1
    console.log(
      `1,000 random kids over ${elapsed} ms (cooldown ${cooldown} ms): ${refetches} refetches (at most ${allowed})`,
    )
    assert.equal(refused, 1000)
    assert.ok(refetches <= allowed, `${refetches} refetches in ${elapsed} ms`)
    assert.ok(refetches < 50, 'nowhere near a fetch per token')
  })

  test('a rotation: a token under the new kid refetches once and verifies', async () => {
    const { state, proxyUrl } = scenario()
    const options = { proxyUrl, jwksCooldownInMs: 0 }
    assert.equal((await verifyToken(token, options)).sub, 'user_1')
    state.keys = [first.jwk, second.jwk]
    const rotated = await second.sign()
    assert.equal((await verifyToken(rotated, options)).sub, 'user_1')
    assert.equal((await verifyToken(rotated, options)).sub, 'user_1')
    assert.equal(state.requests, 2)
  })
})

describe('failures: typed, bounded, and the last good set kept', () => {
  const typed = (e) =>
    e instanceof TokenVerificationError && e instanceof AuthError && e.reason === 'jwk-remote-failed-to-load'

  test('a JWKS server that hangs: a typed error within the timeout', async () => {
    const { proxyUrl } = scenario([first.jwk], 'hang')
    const started = Date.now()
    await assert.rejects(verifyToken(token, { proxyUrl, jwksTimeoutInMs: 300 }), typed)
    const elapsed = Date.now() - started
    console.log(`hanging JWKS server: refused after ${elapsed} ms (timeout 300 ms)`)
    assert.ok(elapsed < 300 + 1500, `${elapsed} ms`)
  })

  test('a JWKS server that answers 500: a typed error, not retried before the cooldown', async () => {
    const { state, proxyUrl } = scenario([first.jwk], '500')
    const options = { proxyUrl, jwksCooldownInMs: 60_000 }
    await assert.rejects(verifyToken(token, options), typed)
    await assert.rejects(verifyToken(token, options), typed)
    assert.equal(state.requests, 1, 'the second request did not hit the failing server')
    const auth = await authenticateRequest({ headers: { authorization: `Bearer ${token}` } }, options)
    assert.deepEqual([auth.status, auth.reason], ['signed-out', 'jwk-remote-failed-to-load'], 'never a throw')
  })

  test('an answer without keys is a failure too', async () => {
    const { proxyUrl } = scenario([])
    await assert.rejects(verifyToken(token, { proxyUrl }), typed)
  })

  for (const mode of ['hang', '500']) {
    test(`a warm cache keeps verifying while the server ${mode === 'hang' ? 'hangs' : 'answers 500'}`, async () => {
      const { state, proxyUrl } = scenario()
      const options = { proxyUrl, jwksCacheTtlInMs: 100, jwksTimeoutInMs: 200, jwksCooldownInMs: 60_000 }
      assert.equal((await verifyToken(token, options)).sub, 'user_1')
      state.mode = mode
      assert.equal((await verifyToken(token, options)).sub, 'user_1', 'within the TTL: no fetch')
      assert.equal(state.requests, 1)
      pass(150) // past the TTL: the refetch fails, the last good set serves
      assert.equal((await verifyToken(token, options)).sub, 'user_1')
      assert.equal((await verifyToken(token, options)).sub, 'user_1', 'and then with no new fetch (cooldown)')
      assert.equal(state.requests, 2)
    })
  }

  test('the TTL: a set older than it is fetched again', async () => {
    const { state, proxyUrl } = scenario()
    const options = { proxyUrl, jwksCacheTtlInMs: 50 }
    await verifyToken(token, options)
    pass(80)
    await verifyToken(token, options)
    assert.equal(state.requests, 2)
  })
})

test('a JWKS setting that is not a number of milliseconds is options-invalid, not a silent default', async () => {
  const { state, proxyUrl } = scenario()
  const request = () => new Request('https://app.example/api', { headers: { authorization: `Bearer ${token}` } })
  for (const bad of [{ jwksCacheTtlInMs: '5000' }, { jwksCooldownInMs: -1 }, { jwksTimeoutInMs: NaN }]) {
    const [name] = Object.keys(bad)
    const invalid = (e) => e instanceof AuthError && e.code === 'options-invalid' && e.message.includes(name)
    await assert.rejects(verifyToken(token, { proxyUrl, ...bad }), invalid)
    await assert.rejects(authenticateRequest(request(), { proxyUrl, ...bad }), invalid)
  }
  assert.equal(state.requests, 0, 'nothing is fetched for options that are wrong')
  const absent = { jwksCacheTtlInMs: null, jwksCooldownInMs: undefined }
  assert.equal((await verifyToken(token, { proxyUrl, ...absent })).sub, 'user_1', 'null and undefined: the defaults')
})

test("the dev auth server's JWKS is fetched and read (frontendApi: its URL)", async () => {
  const auth = await startTestAuthServer({ host: '127.0.0.1', port: 0 })
  try {
    // A token of ours under a kid the dev server does not have: the set was fetched and parsed.
    await assert.rejects(verifyToken(token, { frontendApi: auth.url }), { reason: 'jwk-kid-mismatch' })
    const devKid = auth.jwks.keys[0].kid
    const claimed = await first.sign({}, { kid: devKid })
    await assert.rejects(verifyToken(claimed, { frontendApi: auth.url }), { reason: 'token-invalid-signature' })
  } finally {
    await auth.stop()
  }
})
