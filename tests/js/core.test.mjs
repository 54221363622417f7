// The core entry's contract beyond the fixtures: decodeJwt, error types, and the has() boundary.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { AuthError, TokenVerificationError, authObjectFromClaims, createCheckAuthorization, decodeJwt } from 'wasm-auth'
// The package's own instance and its generated boundary constants.
import { core as glue } from '../../pkg/wasm.js'
import { CLAIMS, FIELDS, MAX_TOKEN_BYTES, SESSION_CLAIMS } from '../../pkg/abi.js'

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
const jwt = (header, payload, signature = 'c2ln') => `${b64(header)}.${b64(payload)}.${signature}`

describe('decodeJwt', () => {
  test('returns header and payload with their key order', () => {
    const payload = { sub: 'user_1', v: 2, o: { id: 'org_1', rol: 'admin' }, exp: 1, unicode: 'ünï €' }
    const { header, payload: got } = decodeJwt(jwt({ alg: 'RS256', kid: 'k1', typ: 'JWT' }, payload))
    assert.deepEqual(header, { alg: 'RS256', kid: 'k1', typ: 'JWT' })
    assert.deepEqual(got, payload)
    assert.deepEqual(Object.keys(got), ['sub', 'v', 'o', 'exp', 'unicode'])
  })

  const malformed = {
    'two parts': 'a.b',
    'four parts': `${b64({})}.${b64({})}.${b64('s')}.x`,
    'empty string': '',
    'payload not JSON': jwt({ alg: 'RS256' }, 'nope'),
    'payload a JSON array': jwt({ alg: 'RS256' }, [1, 2]),
    'header not base64url': `***.${b64({})}.sig`,
    'padded base64url': `${b64({ alg: 'RS256' })}.${b64({ a: 1 })}=.sig`,
    'non-canonical base64url': `${b64({ alg: 'RS256' })}.e31.sig`,
    'invalid UTF-8': `${b64({ alg: 'RS256' })}.${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.sig`,
    'deeply nested JSON': jwt({ alg: 'RS256' }, `{"a":${'['.repeat(10000)}${']'.repeat(10000)}}`),
    'larger than 256 KiB': jwt({ alg: 'RS256' }, { big: 'x'.repeat(300_000) }),
  }
  for (const [name, token] of Object.entries(malformed)) {
    test(`throws AuthError token-invalid: ${name}`, () => {
      assert.throws(
        () => decodeJwt(token),
        (e) => e instanceof AuthError && e instanceof Error && e.code === 'token-invalid',
      )
    })
  }

  // The limit is the core's, in UTF-8 bytes (src/abi.rs); JS refuses longer strings before they
  // cross, by their UTF-16 length, which is never more than their bytes: the two agree at the edge.
  test('the token size limit: MAX_TOKEN_BYTES of UTF-8, the same error from JS and from the core', () => {
    const tooLarge = { name: 'AuthError', code: 'token-invalid', message: 'Token is larger than 256 KiB.' }
    const header = b64({ alg: 'RS256' })
    // A payload a little short of the limit, and a signature of `A`s to fill it (canonical
    // base64url unless its length is 1 mod 4: then one more byte of payload).
    let edge
    for (let n = (MAX_TOKEN_BYTES * 3) / 4 - 100; !edge; n++) {
      const signed = `${header}.${b64({ a: 'x'.repeat(n) })}.`
      const rest = MAX_TOKEN_BYTES - signed.length
      if (rest % 4 !== 1) edge = signed + 'A'.repeat(rest)
    }
    assert.equal(edge.length, MAX_TOKEN_BYTES)
    assert.equal(decodeJwt(edge).header.alg, 'RS256', 'the longest token the core takes')
    assert.throws(() => decodeJwt(`${edge}A`), tooLarge) // refused in JS, by its length
    // Within the length, over the bytes: refused by the core, in the same words.
    const wide = 'é'.repeat(MAX_TOKEN_BYTES / 2 + 1)
    assert.ok(wide.length <= MAX_TOKEN_BYTES && Buffer.byteLength(wide) > MAX_TOKEN_BYTES)
    assert.throws(() => decodeJwt(wide), tooLarge)
  })

  test('non-strings throw token-invalid', () => {
    for (const token of [undefined, null, 42, {}, ['a.b.c']]) {
      assert.throws(
        () => decodeJwt(token),
        (e) => e instanceof AuthError && e.code === 'token-invalid',
      )
    }
  })
})

describe('the auth object', () => {
  test("has src/abi.rs's fields, in order, each from its claim", () => {
    const claims = Object.fromEntries(CLAIMS.map((claim, i) => [claim, `value_${i}`]))
    const auth = authObjectFromClaims(claims)
    assert.deepEqual(Object.keys(auth), [SESSION_CLAIMS, ...FIELDS])
    FIELDS.forEach((field, i) => assert.equal(auth[field], `value_${i}`, field))
  })

  test('v2 claims: role and permissions decoded in wasm, the other claims copied as they are', () => {
    const act = { sub: 'user_admin' }
    const claims = {
      v: 2,
      sid: 'sess_1',
      sub: 'user_1',
      act,
      fea: 'o:reports',
      org_id: 'ignored in v2',
      o: { id: { odd: true }, slg: 5, rol: 'admin', per: 'read,"quoted"', fpm: '3' },
    }
    const auth = authObjectFromClaims(claims)
    assert.equal(auth.actor, act, 'the same object')
    assert.equal(auth.orgId, claims.o.id, 'o.id copied as it is, as Clerk copies it')
    assert.equal(auth.orgSlug, 5)
    assert.equal(auth.orgRole, 'org:admin')
    assert.deepEqual(auth.orgPermissions, ['org:reports:read', 'org:reports:"quoted"'])
  })
})

describe('errors', () => {
  test('are Error subclasses with a name and a code, never strings', () => {
    let caught
    try {
      authObjectFromClaims({ v: 2, o: { id: 'org_1' }, fea: 'no-colon' })
    } catch (e) {
      caught = e
    }
    assert.ok(caught instanceof Error && caught instanceof AuthError)
    assert.equal(caught.name, 'AuthError')
    assert.equal(caught.code, 'claims-invalid')
    assert.match(caught.stack, /AuthError/)
    assert.ok(new TokenVerificationError('token-expired', 'x') instanceof AuthError)
  })

  test('authObjectFromClaims refuses non-objects with claims-invalid', () => {
    for (const claims of [null, undefined, 'sub', 7, [1], { v: 2, o: { per: 10n } }, { v: 2, fea: 10n }]) {
      assert.throws(
        () => authObjectFromClaims(claims),
        (e) => e instanceof AuthError && e.code === 'claims-invalid',
      )
    }
  })

  test('createCheckAuthorization refuses non-objects with options-invalid', () => {
    for (const options of [null, undefined, 'user_1', [], { userId: 1n }]) {
      assert.throws(
        () => createCheckAuthorization(options),
        (e) => e instanceof AuthError && e.code === 'options-invalid',
      )
    }
  })
})

describe('has() boundary', () => {
  const has = createCheckAuthorization({
    userId: 'user_1',
    orgId: 'org_1',
    orgRole: 'org:rédacteur',
    orgPermissions: ['org:数据:读'],
    features: 'o:überblick,u:beta',
    plans: 'u:free',
    factorVerificationAge: [1, 2],
  })

  test('non-ASCII parameters cross intact', () => {
    assert.equal(has({ role: 'rédacteur' }), true)
    assert.equal(has({ permission: '数据:读' }), true)
    assert.equal(has({ feature: 'o:überblick', role: 'org:rédacteur' }), true)
    assert.equal(has({ feature: 'o:uberblick' }), false)
  })

  test('a very long parameter grows the scratch buffer and later calls still work', () => {
    assert.equal(has({ role: 'x'.repeat(1_000_000) }), false)
    assert.equal(has({ role: 'org:rédacteur', plan: 'free' }), true)
  })

  test('params that are not objects, or throw when read, are false', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom')
        },
      },
    )
    const getter = {
      get role() {
        throw new Error('boom')
      },
    }
    for (const params of [undefined, null, 'org:admin', 42, true, () => {}, hostile, getter, Symbol('x')]) {
      assert.equal(has(params), false)
    }
  })

  test('every wrongly typed parameter is false, never a throw', () => {
    const wrong = [null, 1, 0, true, {}, [], () => {}, Symbol('s'), 10n, NaN]
    for (const key of ['role', 'permission', 'feature', 'plan', 'reverification']) {
      for (const value of wrong) assert.equal(has({ [key]: value }), false, `${key}: ${String(value)}`)
    }
    assert.equal(has({ reverification: { level: 'first_factor', afterMinutes: '5' } }), false)
    assert.equal(has({ reverification: { level: 5, afterMinutes: 5 } }), false)
    assert.equal(has({ reverification: { level: 'first_factor', afterMinutes: 5 } }), true)
  })

  test('checkers beyond what the arena holds are copied in again when asked', () => {
    // 12,000 checkers of ~430 bytes: more than the arena's 4 MiB bound, asked in turn twice.
    const permissions = Array.from({ length: 16 }, (_, i) => `org:feature_${i}:permission_${i}`)
    const checkers = Array.from({ length: 12_000 }, (_, i) =>
      createCheckAuthorization({ userId: 'u', orgId: 'o', orgRole: `org:role_${i}`, orgPermissions: permissions }),
    )
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < checkers.length; i++) {
        assert.equal(checkers[i]({ role: `role_${i}` }), true, `checker ${i}`)
        assert.equal(checkers[i]({ role: `role_${i + 1}` }), false, `checker ${i}`)
      }
    }
    assert.equal(checkers[7]({ permission: 'feature_11:permission_11' }), true)
  })

  test('buffers moved behind its back (a stray glue call) leave has() right', () => {
    const checker = createCheckAuthorization({ userId: 'u', orgId: 'o', orgRole: 'org:admin' })
    assert.equal(checker({ role: 'admin' }), true)
    glue.checkArena(1024)
    glue.checkScratch(1 << 20)
    assert.equal(checker({ role: 'admin' }), true)
    assert.equal(checker({ role: 'member' }), false)
    assert.equal(has({ role: 'rédacteur' }), true)
  })

  test('checkers are independent', () => {
    const other = createCheckAuthorization({ userId: 'user_2', orgId: 'org_2', orgRole: 'org:member' })
    assert.equal(other({ role: 'member' }), true)
    assert.equal(has({ role: 'member' }), false)
  })
})
