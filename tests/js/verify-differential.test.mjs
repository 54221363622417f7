// verifyToken against @clerk/backend on tokens signed here with jose: every case class of the verification contract,
// for RS256, RS384 and RS512 with a PEM jwtKey and for a JWKS, then random claims and options.
// Both sides run with the same pinned clock. Same accept/reject and the same reason, except where
// API.md makes us stricter (`audience` given, token without a matching `aud`).
//
// Oracles (tests/support/verify-oracle.mjs): RS256 + jwtKey is Clerk's verifyToken itself. For
// RS384/RS512 Clerk's verifyToken fails every token (its PEM-to-JWK conversion pins alg RS256,
// asserted below); API.md promises them, so Clerk's verifyJwt with the PEM is the oracle there,
// and verifyJwt with the selected JWK for the JWKS variant.
import assert from 'node:assert/strict'
import { KeyObject } from 'node:crypto'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { verifyTokenSync } from 'wasm-auth/server'
import { clerkReason, oursReason } from '../support/verify-oracle.mjs'
import { b64, forge } from '../support/tokens.mjs'

const NOW = Date.now()
const SEC = Math.floor(NOW / 1000)

async function pair(alg) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true })
  return { signer: KeyObject.from(privateKey), pem: await exportSPKI(publicKey), jwk: await exportJWK(publicKey) }
}
const [rsa, other, p256] = await Promise.all([pair('RS256'), pair('RS256'), pair('ES256')])
const jwks = {
  keys: [
    { ...other.jwk, kid: 'other' },
    { ...rsa.jwk, kid: 'main' },
  ],
}

const variants = [
  { name: 'RS256, jwtKey', alg: 'RS256', keys: { jwtKey: rsa.pem }, via: 'token' },
  { name: 'RS384, jwtKey', alg: 'RS384', keys: { jwtKey: rsa.pem }, via: 'jwt' },
  { name: 'RS512, jwtKey', alg: 'RS512', keys: { jwtKey: rsa.pem }, via: 'jwt' },
  { name: 'RS256, JWKS', alg: 'RS256', keys: { jwks }, via: 'jwt', clerkKey: rsa.jwk },
]

const claims = { sub: 'user_1', sid: 'sess_1', iat: SEC - 10, nbf: SEC - 10, exp: SEC + 60 }
const APP = 'https://app.example'
const ISS = 'https://clerk.example'

/**
 * [name, token, options, stricter]: `stricter` marks API.md's audience rule, or names the reason
 * we give where Clerk silently fails every token (an option of the wrong type).
 */
async function caseClasses(alg) {
  const sign = (payload, { key = rsa, header = {}, as = alg } = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg: as, typ: 'JWT', kid: 'main', ...header }).sign(key.signer)
  const valid = await sign(claims)
  const [h, p, s] = valid.split('.')
  const flip = (text, at) => `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`
  return [
    ['valid', valid, {}],
    ['expired within the skew', await sign({ ...claims, exp: SEC - 2 }), {}],
    ['expired beyond the skew', await sign({ ...claims, exp: SEC - 10 }), {}],
    ['nbf in the future', await sign({ ...claims, nbf: SEC + 10 }), {}],
    ['nbf within the skew', await sign({ ...claims, nbf: SEC + 2 }), {}],
    ['iat in the future', await sign({ ...claims, iat: SEC + 10 }), {}],
    ['wrong key', await sign(claims, { key: other }), {}],
    ['tampered payload', `${h}.${b64({ ...claims, sub: 'user_admin' })}.${s}`, {}],
    ['tampered signature', `${h}.${p}.${flip(s, 20)}`, {}],
    ['alg none', forge({ alg: 'none', typ: 'JWT', kid: 'main' }, claims, ''), {}],
    [
      'HS256 keyed with the public key',
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: 'main' })
        .sign(new TextEncoder().encode(rsa.pem)),
      {},
    ],
    ['ES256 against the RSA key', await sign(claims, { key: p256, as: 'ES256' }), {}],
    ['typ not JWT', await sign(claims, { header: { typ: 'at+jwt' } }), {}],
    ['sub missing', await sign({ ...claims, sub: undefined }), {}],
    ['sub a number', await sign({ ...claims, sub: 7 }), {}],
    ['exp missing', await sign({ ...claims, exp: undefined }), {}],
    ['exp a string', await sign({ ...claims, exp: `${SEC + 60}` }), {}],
    ['nbf a string', await sign({ ...claims, nbf: 'yesterday' }), {}],
    ['iat an object', await sign({ ...claims, iat: {} }), {}],
    ['azp listed', await sign({ ...claims, azp: APP }), { authorizedParties: [APP] }],
    ['azp not listed', await sign({ ...claims, azp: 'https://evil.example' }), { authorizedParties: [APP] }],
    ['azp missing', valid, { authorizedParties: [APP] }],
    ['issuer matches', await sign({ ...claims, iss: ISS }), { issuer: ISS }],
    ['issuer mismatch', await sign({ ...claims, iss: 'https://evil.example' }), { issuer: [ISS] }],
    // Clerk compares the claim with the function and fails the token; we refuse the option itself.
    ['issuer a function', await sign({ ...claims, iss: ISS }), { issuer: () => true }, 'options-invalid'],
    ['audience matches', await sign({ ...claims, aud: ['web', 'api'] }), { audience: 'api' }],
    ['audience mismatch', await sign({ ...claims, aud: 'web' }), { audience: ['api'] }],
    ['audience given, token without aud', valid, { audience: 'api' }, true],
    ['two parts', `${h}.${p}`, {}],
    ['four parts', `${valid}.${s}`, {}],
    ['garbage', '~~~ not a token ~~~', {}],
    ['64 KiB of claims', await sign({ ...claims, blob: 'x'.repeat(64 * 1024) }), {}],
    ['unicode claims', await sign({ ...claims, name: 'Zoë 名前 🔐', ключ: ['ü', '\u2028'] }), {}],
  ]
}

function clerkOptions(variant, options) {
  return variant.via === 'jwt' ? { ...options, key: variant.clerkKey ?? rsa.pem } : { ...options, ...variant.keys }
}

for (const variant of variants) {
  describe(`differential: ${variant.name}`, async () => {
    for (const [name, token, options, stricter] of await caseClasses(variant.alg)) {
      test(name, async () => {
        const ours = oursReason(verifyTokenSync, token, { ...options, ...variant.keys }, NOW)
        const clerk = await clerkReason(token, clerkOptions(variant, options), NOW, variant.via)
        if (stricter === 'options-invalid') {
          assert.equal(clerk, 'token-invalid-issuer', 'Clerk fails the token')
          assert.equal(ours, 'options-invalid', 'we refuse the option')
        } else if (stricter) {
          assert.equal(clerk, 'ok', 'Clerk lets a token without aud through')
          assert.equal(ours, 'token-verification-failed', 'API.md: we do not')
        } else {
          assert.equal(ours, clerk)
        }
      })
    }
  })
}

test('the case classes reach every reason verifyToken with a PEM can give', async () => {
  const reasons = new Set()
  for (const [, token, options] of await caseClasses('RS256'))
    reasons.add(oursReason(verifyTokenSync, token, { ...options, jwtKey: rsa.pem }, NOW))
  assert.deepEqual([...reasons].sort(), [
    'ok',
    'options-invalid',
    'token-expired',
    'token-iat-in-the-future',
    'token-invalid',
    'token-invalid-algorithm',
    'token-invalid-authorized-parties',
    'token-invalid-issuer',
    'token-invalid-signature',
    'token-not-active-yet',
    'token-verification-failed',
  ])
})

test("Clerk's verifyToken cannot verify RS384/RS512 with a jwtKey (why verifyJwt is the oracle)", async () => {
  for (const alg of ['RS384', 'RS512']) {
    const token = await new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(rsa.signer)
    assert.equal(await clerkReason(token, { jwtKey: rsa.pem }, NOW), 'token-verification-failed')
    assert.equal(await clerkReason(token, { key: rsa.pem }, NOW, 'jwt'), 'ok')
    assert.equal(oursReason(verifyTokenSync, token, { jwtKey: rsa.pem }, NOW), 'ok')
  }
})

// Random claims and options: the time, type and list checks and their order, against Clerk.
// Weighted towards well-formed values so that every check is reached, not only the first ones.
const instant = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map((d) => SEC + d),
  fc.double({ min: -20, max: 20, noNaN: true }).map((d) => SEC + d),
)
const usually = (likely, ...odd) =>
  fc.oneof({ arbitrary: likely, weight: 24 }, ...odd.map((v) => ({ arbitrary: fc.constant(v), weight: 1 })))
const sometimes = (...values) =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    ...values.map((v) => ({ arbitrary: fc.constant(v), weight: 1 })),
  )
const randomClaims = fc.record({
  sub: usually(fc.constant('user_1'), undefined, null, '', 42),
  exp: usually(instant, undefined, null, '1', 9e15),
  nbf: usually(fc.oneof(instant, fc.constant(undefined)), null, '1', -9e15),
  iat: usually(fc.oneof(instant, fc.constant(undefined)), [], null),
  azp: sometimes(APP, 'https://b.example', '', 5),
  iss: sometimes(ISS, 'https://j.example', 7),
  aud: sometimes('api', ['x', 'api'], 'other', [], [1], ''),
})
const randomOptions = fc.record({
  authorizedParties: sometimes([], [APP], [APP, 'https://b.example']),
  issuer: sometimes('', ISS, [ISS, 'https://j.example'], ['']),
  audience: sometimes('api', ['api'], '', [null]),
  clockSkewInMs: fc.constantFrom(undefined, 0, 5000, 10_000, -1000, '100', Number.NaN),
  typ: usually(fc.constantFrom(undefined, 'JWT'), 'jwt', 'at+jwt'),
})

// Clerk skips its audience check unless both lists are non-empty and aud is a string or a
// non-empty array of strings; with an audience given, we fail the token instead.
function clerkSkipsAudience(aud, audience) {
  const list = (v) => [v].flat().filter((x) => !!x)
  if (list(audience).length === 0) return false
  const strings = Array.isArray(aud) && aud.length > 0 && aud.every((a) => typeof a === 'string')
  return list(aud).length === 0 || (typeof aud !== 'string' && !strings)
}
const EARLIER = new Set([
  'token-invalid',
  'token-invalid-algorithm',
  'token-invalid-signature',
  'token-verification-failed',
])

test("random claims and options give Clerk's reason (300 runs)", async () => {
  await fc.assert(
    fc.asyncProperty(randomClaims, randomOptions, async (payload, { typ, ...options }) => {
      const header = { alg: 'RS256', ...(typ === undefined ? {} : { typ }) }
      const token = await new SignJWT(payload).setProtectedHeader(header).sign(rsa.signer)
      const ours = oursReason(verifyTokenSync, token, { ...options, jwtKey: rsa.pem }, NOW)
      const clerk = await clerkReason(token, { ...options, jwtKey: rsa.pem }, NOW)
      // A skew that is not a number is refused as an option (Clerk coerces '100' to 100).
      const expected =
        typeof options.clockSkewInMs === 'string'
          ? 'options-invalid'
          : clerkSkipsAudience(payload.aud, options.audience) && !EARLIER.has(clerk)
            ? 'token-verification-failed'
            : clerk
      assert.equal(ours, expected)
    }),
    { numRuns: 300 },
  )
})
