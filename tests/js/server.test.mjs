// wasm-auth/server in Node: authenticateRequest on every request shape, the auth object and its
// has()/getToken() against Clerk's backend, hostile inputs, the key sets, verifyToken's promise,
// and require(). The cookie and handshake rules have suites of their own (server-handshake,
// server-differential), as do the fetched keys (server-jwks).
import assert from 'node:assert/strict'
import { KeyObject } from 'node:crypto'
import { createRequire } from 'node:module'
import { describe, test } from 'node:test'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { AuthError as CoreAuthError, authObjectFromClaims } from 'wasm-auth'
import { AuthError, TokenVerificationError, authenticateRequest, verifyToken, verifyTokenSync } from 'wasm-auth/server'
import { clerkHas, optionsFromAuth } from '../support/clerk.mjs'
import { b64 } from '../support/tokens.mjs'

const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
const pem = await exportSPKI(publicKey)
const jwk = await exportJWK(publicKey)
const signer = KeyObject.from(privateKey)
const sec = () => Math.floor(Date.now() / 1000)
const sign = (claims, header = {}) =>
  new SignJWT({ iat: sec() - 5, exp: sec() + 60, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k', ...header })
    .sign(signer)

const v2 = {
  sub: 'user_1',
  sid: 'sess_1',
  v: 2,
  sts: 'active',
  fva: [3, -1],
  fea: 'o:reports,u:beta',
  pla: 'u:pro',
  o: { id: 'org_1', slg: 'acme', rol: 'admin', per: 'read,manage', fpm: '3' },
}
const token = await sign(v2)
const options = { jwtKey: pem }
// What the cookie path needs beside __session: the client's last update, before the token.
const uat = `__client_uat=${sec() - 60}`

describe('authenticateRequest reads the token from', () => {
  const shapes = {
    'a Request with Authorization: Bearer': () =>
      new Request('https://app.example/api', { headers: { Authorization: `Bearer ${token}` } }),
    'a Request with the __session and __client_uat cookies': () =>
      new Request('https://app.example/', { headers: { cookie: `theme=dark; __session=${token}; ${uat}; other=1` } }),
    'a { headers } plain object (Node IncomingMessage)': () => ({
      headers: { host: 'x', authorization: `Bearer ${token}` },
    }),
    'a { headers } object with mixed case and a cookie array': () => ({
      headers: { Cookie: ['a=1', `__session=${token}`, uat] },
    }),
    'a Node IncomingMessage-like object (a path for url)': () => ({
      url: '/dashboard?x=1',
      method: 'GET',
      headers: { host: 'app.example', cookie: `__session=${token}; ${uat}` },
    }),
    'a { headers: Headers }': () => ({ headers: new Headers({ authorization: `Bearer ${token}` }) }),
    'a bare token in Authorization (as Clerk reads it)': () => ({ headers: { authorization: token } }),
    'a percent-encoded cookie': () => ({ headers: { cookie: `__session=${encodeURIComponent(token)}; ${uat}` } }),
  }
  for (const [name, request] of Object.entries(shapes)) {
    test(name, async () => {
      const auth = await authenticateRequest(request(), options)
      assert.deepEqual([auth.status, auth.reason, auth.isAuthenticated], ['signed-in', null, true])
      assert.equal(auth.userId, 'user_1')
      assert.equal(await auth.getToken(), token)
      assert.ok(auth.headers instanceof Headers, 'headers: what to answer with (none here)')
      assert.deepEqual([...auth.headers], [])
    })
  }

  test('without a publishable key there are no suffixed names: plain cookies of a token with an issuer', async () => {
    const issued = await sign({ ...v2, iss: 'https://clerk.app.example' })
    const auth = await authenticateRequest({ headers: { cookie: `__session=${issued}; ${uat}` } }, options)
    assert.deepEqual([auth.status, auth.userId], ['signed-in', 'user_1'])
  })

  test('the header before the cookie', async () => {
    const other = await sign({ ...v2, sub: 'user_2' })
    const auth = await authenticateRequest(
      { headers: { authorization: `Bearer ${other}`, cookie: `__session=${token}` } },
      options,
    )
    assert.equal(auth.userId, 'user_2')
  })
})

test('the signed-in object: claims as Clerk normalises them, has() as Clerk builds it', async () => {
  const auth = await authenticateRequest(
    new Request('https://app.example', { headers: { authorization: `Bearer ${token}` } }),
    options,
  )
  const { has, getToken, ...data } = auth
  const payload = verifyTokenSync(token, options)
  assert.deepEqual(data, { ...authObjectFromClaims(payload), isAuthenticated: true, status: 'signed-in', reason: null })
  assert.deepEqual(data.orgPermissions, ['org:reports:read', 'org:reports:manage'])
  const params = [
    { role: 'org:admin' },
    { role: 'admin' },
    { permission: 'org:reports:manage' },
    { feature: 'reports' },
    { feature: 'u:beta' },
    { plan: 'pro' },
    { plan: 'o:pro' },
    { reverification: 'strict' },
    { reverification: 'strict_mfa' },
    {},
  ]
  for (const p of params) assert.equal(has(p), clerkHas(optionsFromAuth(auth), p), JSON.stringify(p))
  assert.deepEqual(JSON.parse(JSON.stringify(auth)), data, 'minus functions, it is plain data (initialState)')
  assert.equal(Object.keys(auth).includes('headers'), false, 'headers are there to use, not to spread into state')
})

describe('signed out, never throwing', () => {
  const cases = {
    'no token': [{ headers: {} }, 'session-token-and-uat-missing'],
    'another scheme': [{ headers: { authorization: 'Basic dXNlcjpwYXNz' } }, 'session-token-and-uat-missing'],
    'an empty cookie': [{ headers: { cookie: '__session=' } }, 'session-token-and-uat-missing'],
    'a session cookie without __client_uat': [
      { headers: { cookie: `__session=${token}` } },
      'session-token-but-no-client-uat',
    ],
    'no headers at all': [{}, 'session-token-and-uat-missing'],
    'not a request': [null, 'session-token-and-uat-missing'],
    'headers whose getter throws': [
      {
        get headers() {
          throw new Error('boom')
        },
      },
      'session-token-and-uat-missing',
    ],
    'a malformed token': [{ headers: { authorization: 'Bearer a.b' } }, 'token-invalid'],
    'a malformed cookie': [{ headers: { cookie: `__session=a.b; ${uat}` } }, 'token-invalid'],
    'a 1 MB token': [{ headers: { authorization: `Bearer ${'a'.repeat(1 << 20)}` } }, 'token-invalid'],
  }
  for (const [name, [request, reason]] of Object.entries(cases)) {
    test(name, async () => {
      const auth = await authenticateRequest(request, options)
      assert.equal(auth.isAuthenticated, false)
      assert.equal(auth.status, 'signed-out')
      assert.equal(auth.reason, reason)
      assert.equal(auth.headers.get('x-clerk-auth-reason'), reason)
      assert.equal(auth.userId, null)
      assert.equal(auth.sessionClaims, null)
      assert.equal(auth.has({ role: 'org:admin' }), false)
      assert.equal(await auth.getToken(), null)
    })
  }

  test('each verification failure keeps its reason', async () => {
    const expired = await sign({ ...v2, exp: sec() - 60 })
    const auth = await authenticateRequest({ headers: { authorization: `Bearer ${expired}` } }, options)
    assert.equal(auth.reason, 'session-token-expired-refresh-non-eligible-no-refresh-cookie', "Clerk's words for it")
    const wrongParty = await authenticateRequest(
      { headers: { authorization: `Bearer ${token}` } },
      { ...options, authorizedParties: ['https://x'] },
    )
    assert.equal(wrongParty.reason, 'token-invalid-authorized-parties')
    assert.equal(
      (await authenticateRequest({ headers: { authorization: `Bearer ${token}` } }, {})).reason,
      'jwk-local-missing',
    )
  })

  test('a pending session is signed out unless treatPendingAsSignedOut is false', async () => {
    const pending = await sign({ ...v2, sts: 'pending' })
    const request = { headers: { authorization: `Bearer ${pending}` } }
    const out = await authenticateRequest(request, options)
    // As Clerk's: the request state is signed in, its auth object (toAuth()) signed out and pending.
    assert.deepEqual(
      [out.status, out.reason, out.isAuthenticated, out.sessionStatus, out.userId],
      ['signed-in', null, false, 'pending', null],
    )
    const kept = await authenticateRequest(request, { ...options, treatPendingAsSignedOut: false })
    assert.deepEqual([kept.isAuthenticated, kept.sessionStatus, kept.userId], [true, 'pending', 'user_1'])
  })

  test('a signed token with malformed v2 claims', async () => {
    const bad = await sign({ ...v2, fea: 'no-colon' })
    assert.equal(
      (await authenticateRequest({ headers: { authorization: `Bearer ${bad}` } }, options)).reason,
      'token-verification-failed',
    )
  })
})

test('getToken(): null without a sid; templates need the Backend API', async () => {
  const noSid = await sign({ sub: 'user_1' })
  const auth = await authenticateRequest({ headers: { authorization: `Bearer ${noSid}` } }, options)
  assert.equal(auth.isAuthenticated, true)
  assert.equal(await auth.getToken(), null)
  await assert.rejects(
    auth.getToken({ template: 'supabase' }),
    (e) => e instanceof AuthError && e.code === 'options-invalid',
  )
})

describe('hostile input to verifyToken: typed errors, the module keeps working', () => {
  const header = b64({ alg: 'RS256', typ: 'JWT' })
  const cases = {
    'a 1 MB token': ['x'.repeat(1 << 20), 'token-invalid'],
    'a 200 KiB signature': [`${header}.${b64({ sub: 'u' })}.${'A'.repeat(200 * 1024)}`, 'token-invalid-signature'],
    // The payload is read only once the signature holds: these fail there.
    'deeply nested JSON': [
      `${header}.${b64(`{"sub":"u","a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)}.c2ln`,
      'token-invalid-signature',
    ],
    'invalid UTF-8': [
      `${header}.${b64(new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]))}.c2ln`,
      'token-invalid-signature',
    ],
    'a header over 8 KiB': [
      `${b64({ alg: 'RS256', pad: 'x'.repeat(7000) })}.${b64({ sub: 'u' })}.c2ln`,
      'token-invalid',
    ],
    'non-canonical base64url': [`${header}.e31.c2ln`, 'token-invalid'],
    'padded base64url': [`${header}.e30=.c2ln`, 'token-invalid'],
    'lone surrogates': [`${header}.\ud800.c2ln`, 'token-invalid'],
    'a number': [12345, 'token-invalid'],
    'an object': [{ toString: () => 'a.b.c' }, 'token-invalid'],
    undefined: [undefined, 'token-invalid'],
  }
  for (const [name, [bad, reason]] of Object.entries(cases)) {
    test(name, () => {
      assert.throws(
        () => verifyTokenSync(bad, options),
        (e) => e instanceof TokenVerificationError && e.reason === reason,
      )
      assert.equal(verifyTokenSync(token, options).sub, 'user_1')
    })
  }

  test('options of the wrong type are an AuthError naming the option, not a crash', () => {
    const cyclic = {}
    cyclic.self = cyclic
    const wrong = {
      audience: cyclic,
      issuer: 10n,
      authorizedParties: [() => true],
      clockSkewInMs: '5000',
    }
    for (const [name, value] of Object.entries(wrong)) {
      assert.throws(
        () => verifyTokenSync(token, { ...options, [name]: value }),
        (e) => e instanceof AuthError && e.code === 'options-invalid' && e.message.includes(name),
        name,
      )
    }
    const throwing = {
      ...options,
      get issuer() {
        throw new Error('boom')
      },
    }
    assert.throws(
      () => verifyTokenSync(token, throwing),
      (e) => e instanceof AuthError && e.code === 'options-invalid',
    )
    assert.equal(verifyTokenSync(token, options).sub, 'user_1')
  })
})

describe("verifyToken returns a promise, as Clerk's does", () => {
  test('then, catch and await all work', async () => {
    const pending = verifyToken(token, options)
    assert.ok(pending instanceof Promise)
    assert.equal((await pending).sub, 'user_1')
    assert.equal(await verifyToken(token, options).then((payload) => payload.sid), 'sess_1')
    assert.equal(await verifyToken('a.b', options).catch(() => null), null)
    await assert.rejects(
      verifyToken('a.b', options),
      (e) => e instanceof TokenVerificationError && e.reason === 'token-invalid',
    )
  })

  test('no key at all rejects with jwk-local-missing, never throws synchronously', async () => {
    await assert.rejects(verifyToken(token, {}), (e) => e.reason === 'jwk-local-missing')
    await assert.rejects(verifyToken(token), (e) => e.reason === 'jwk-local-missing')
  })
})

describe('key sets', () => {
  // Before, a JWKS object was parsed once and cached by identity: a key removed from it in place
  // kept verifying, and a key added never did.
  test('a JWKS object follows its content: a key removed in place stops verifying at once', () => {
    const jwks = { keys: [{ ...jwk, kid: 'k' }] }
    assert.equal(verifyTokenSync(token, { jwks }).sub, 'user_1')
    jwks.keys.pop()
    assert.throws(
      () => verifyTokenSync(token, { jwks }),
      (e) => e.reason === 'jwk-kid-mismatch',
    )
  })

  test('a key added in place verifies at once', () => {
    const jwks = { keys: [] }
    assert.throws(
      () => verifyTokenSync(token, { jwks }),
      (e) => e.reason === 'jwk-kid-mismatch',
    )
    jwks.keys.push({ ...jwk, kid: 'k' })
    assert.equal(verifyTokenSync(token, { jwks }).sub, 'user_1')
  })

  test('a key changed in place (its kid, its use) is read anew', () => {
    const key = { ...jwk, kid: 'k' }
    const jwks = { keys: [key] }
    assert.equal(verifyTokenSync(token, { jwks }).sub, 'user_1')
    key.use = 'enc'
    assert.throws(
      () => verifyTokenSync(token, { jwks }),
      (e) => e.reason === 'jwk-kid-mismatch',
    )
    key.use = 'sig'
    key.kid = 'other'
    assert.throws(
      () => verifyTokenSync(token, { jwks }),
      (e) => e.reason === 'jwk-kid-mismatch',
    )
    key.kid = 'k'
    assert.equal(verifyTokenSync(token, { jwks }).sub, 'user_1')
  })

  test('many distinct PEMs: the bounded cache evicts and re-parses', () => {
    const variants = Array.from({ length: 40 }, (_, i) => pem + '\n'.repeat(i + 1))
    for (let round = 0; round < 2; round++) {
      for (const key of variants) assert.equal(verifyTokenSync(token, { jwtKey: key }).sub, 'user_1')
    }
  })

  test('jwtKey wins over jwks, and a non-string jwtKey fails tokens', () => {
    assert.equal(verifyTokenSync(token, { jwtKey: pem, jwks: { keys: [] } }).sub, 'user_1')
    assert.throws(
      () => verifyTokenSync(token, { jwtKey: { pem } }),
      (e) => e.reason === 'token-verification-failed',
    )
  })
})

test('require("wasm-auth/server") shares the core with require("wasm-auth")', async () => {
  const require = createRequire(import.meta.url)
  const server = require('wasm-auth/server')
  const core = require('wasm-auth')
  assert.equal(server.AuthError, core.AuthError, 'one class across both CommonJS entries')
  assert.equal(server.verifyTokenSync(token, options).sub, 'user_1')
  assert.equal((await server.verifyToken(token, options)).sub, 'user_1')
  const auth = await server.authenticateRequest({ headers: { authorization: `Bearer ${token}` } }, options)
  assert.equal(auth.has({ role: 'org:admin' }), true)
  assert.throws(
    () => server.verifyTokenSync('a.b', options),
    (e) => e instanceof core.TokenVerificationError,
  )
  assert.equal(AuthError, CoreAuthError, 'and the ESM entries share one class too')
})
