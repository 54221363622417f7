// Signing keys, JWKS, template tokens and token lifetimes.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { calculateJwkThumbprint, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose'
import { APP_ORIGIN, startTestAuthServer } from '../support/auth-server.mjs'

let t
before(async () => {
  t = await startTestAuthServer()
})
after(() => t.stop())
beforeEach(() => t.reset())

describe('keys', () => {
  test('GET /.well-known/jwks.json: one RS256 signing key, kid = RFC 7638 thumbprint', async () => {
    const { status, body } = await t.browser().json('/.well-known/jwks.json')
    assert.equal(status, 200)
    assert.deepEqual(body, t.jwks)
    assert.equal(body.keys.length, 1)
    const [key] = body.keys
    assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use'])
    assert.equal(key.kty, 'RSA')
    assert.equal(key.alg, 'RS256')
    assert.equal(key.use, 'sig')
    assert.equal(key.e, 'AQAB')
    assert.equal(Buffer.from(key.n, 'base64url').length, 256, '2048-bit modulus')
    assert.equal(key.kid, await calculateJwkThumbprint({ kty: key.kty, n: key.n, e: key.e }))
  })

  test('publicKeyPem verifies the session tokens', async () => {
    const browser = t.browser()
    const sid = await browser.signIn('user_bob')
    const { body } = await browser.token(sid)
    assert.match(t.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/)
    const key = await importSPKI(t.publicKeyPem, 'RS256')
    const { payload } = await jwtVerify(body.jwt, key, { issuer: t.url })
    assert.equal(payload.sub, 'user_bob')
    assert.deepEqual(decodeProtectedHeader(body.jwt), { alg: 'RS256', kid: t.jwks.keys[0].kid, typ: 'JWT' })
  })

  test('the handle: url = issuer = http://127.0.0.1:<port>', () => {
    assert.match(t.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.equal(t.issuer, t.url)
  })
})

describe('template tokens', () => {
  test('supabase: template claims with the user filled in, lifetime 3600 s', async () => {
    const browser = t.browser()
    const sid = await browser.signIn('user_alice')
    const { status, body } = await browser.json(`/v1/client/sessions/${sid}/tokens/supabase`, { method: 'POST' })
    assert.equal(status, 200)
    assert.deepEqual(Object.keys(body), ['jwt'], "the spec's token answer: { jwt }")
    const { payload } = await t.verify(body.jwt)
    const { iat, jti, ...rest } = payload
    assert.match(jti, /^[0-9a-f]{20}$/)
    assert.deepEqual(rest, {
      aud: 'authenticated',
      role: 'authenticated',
      email: 'alice@example.test',
      iss: t.url,
      sid,
      sub: 'user_alice',
      azp: APP_ORIGIN,
      nbf: iat - 10,
      exp: iat + 3600,
    })
  })

  test('hasura: nested claims filled in, lifetime 60 s', async () => {
    const browser = t.browser()
    const sid = await browser.signIn('user_bob')
    const { body } = await browser.json(`/v1/client/sessions/${sid}/tokens/hasura`, { method: 'POST', form: {} })
    const { payload } = await t.verify(body.jwt)
    assert.deepEqual(payload['https://hasura.io/jwt/claims'], {
      'x-hasura-user-id': 'user_bob',
      'x-hasura-default-role': 'user',
      'x-hasura-allowed-roles': ['user'],
    })
    assert.equal(payload.exp - payload.iat, 60)
    assert.equal(payload.v, undefined, 'template tokens are not session tokens')
  })

  test('unknown template: 404 resource_not_found', async () => {
    const browser = t.browser()
    const sid = await browser.signIn('user_bob')
    const { status, body } = await browser.json(`/v1/client/sessions/${sid}/tokens/nope`, { method: 'POST' })
    assert.equal(status, 404)
    assert.deepEqual(body, {
      errors: [
        {
          code: 'resource_not_found',
          message: 'Resource not found',
          long_message: 'No JWT template named nope.',
        },
      ],
    })
  })
})

describe('token lifetime', () => {
  test('default 60 s; POST /dev/config changes it; /dev/reset restores it', async () => {
    const browser = t.browser()
    const sid = await browser.signIn('user_bob')
    const lifetime = async () => {
      const { payload } = await t.verify((await browser.token(sid)).body.jwt)
      return payload.exp - payload.iat
    }
    assert.equal(await lifetime(), 60)

    const config = await browser.json('/dev/config', { method: 'POST', json: { tokenLifetimeSeconds: 5 } })
    assert.equal(config.status, 200)
    assert.deepEqual(config.body, { tokenLifetimeSeconds: 5, displayConfig: {} })
    assert.equal(await lifetime(), 5)
    assert.deepEqual((await browser.json('/dev/config')).body, { tokenLifetimeSeconds: 5, displayConfig: {} })

    await t.reset()
    const sid2 = await browser.signIn('user_bob')
    const { payload } = await t.verify((await browser.token(sid2)).body.jwt)
    assert.equal(payload.exp - payload.iat, 60)
  })

  test('POST /dev/config rejects a lifetime that is not a positive integer', async () => {
    for (const tokenLifetimeSeconds of [0, -5, 1.5, '30', null]) {
      const { status, body } = await t.browser().json('/dev/config', { method: 'POST', json: { tokenLifetimeSeconds } })
      assert.equal(status, 400, `tokenLifetimeSeconds ${JSON.stringify(tokenLifetimeSeconds)}`)
      assert.equal(body.errors[0].code, 'form_param_format_invalid')
    }
  })

  test('startAuthServer({ tokenLifetimeSeconds: 120 })', async () => {
    const other = await startTestAuthServer({ tokenLifetimeSeconds: 120 })
    try {
      const browser = other.browser()
      const sid = await browser.signIn('user_bob')
      const { payload } = await other.verify((await browser.token(sid)).body.jwt)
      assert.equal(payload.exp - payload.iat, 120)
      assert.equal(payload.iss, other.url)
      assert.notEqual(other.url, t.url)
      assert.notEqual(other.jwks.keys[0].kid, t.jwks.keys[0].kid, 'a key pair per server')
    } finally {
      await other.stop()
    }
  })

  test('startAuthServer rejects bad options', async () => {
    await assert.rejects(
      () => import('../../dev-server/index.mjs').then((m) => m.startAuthServer({ tokenLifetimeSeconds: 0 })),
      TypeError,
    )
    await assert.rejects(
      () => import('../../dev-server/index.mjs').then((m) => m.startAuthServer({ allowedOrigins: 'http://x' })),
      TypeError,
    )
  })
})
