// Writes tests/fixtures/verify.json: public keys and tokens signed at a fixed `now`, each with the
// verifyToken outcome it must have. Read by the Rust tests (tests/verify.rs, natively and in wasm)
// and by tests/js/verify-fixtures.test.mjs. Run: node tests/support/make-verify-fixtures.mjs
//
// Cases with an oracle are ones Clerk can judge ('token': verifyToken with jwtKey; 'jwt': verifyJwt
// with the PEM, see verify-oracle.mjs): this script refuses to write a fixture whose expectation
// differs from Clerk's. Cases without one are ours alone (EC, PKCS#1, JWKS, weak keys, no key).
import { generateKeyPairSync, KeyObject } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { clerkReason } from './verify-oracle.mjs'
import { b64, forge, keyFromPem, signRs256 } from './tokens.mjs'

const NOW = 1_750_000_000_000 // ms; the fixtures' clock
const SEC = NOW / 1000

async function pair(alg, options) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...options })
  // A KeyObject signs with any hash (a CryptoKey is bound to the one it was made for).
  const signer = KeyObject.from(privateKey)
  return { publicKey, privateKey: signer, pem: await exportSPKI(publicKey), jwk: await exportJWK(publicKey) }
}

const rsa = await pair('RS256')
const other = await pair('RS256')
const rsa4096 = await pair('RS256', { modulusLength: 4096 })
const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }) // jose refuses to make these
const p256 = await pair('ES256')
const p384 = await pair('ES384')
const pkcs1 = keyFromPem(rsa.publicKey, 'pkcs1')

const keys = {
  rsa: rsa.pem,
  rsa4096: rsa4096.pem,
  rsa1024: rsa1024.publicKey.export({ type: 'spki', format: 'pem' }).trim(),
  p256: p256.pem,
  p384: p384.pem,
  pkcs1,
  garbage: '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----',
}
const jwks = {
  keys: [
    { ...rsa.jwk, kid: 'k1', use: 'sig' },
    { ...p256.jwk, kid: 'k2' },
    { ...other.jwk, kid: 'enc', use: 'enc' },
    { ...other.jwk, kid: 'k384', alg: 'RS384' },
    { kty: 'oct', k: b64('secret'), kid: 'oct' },
    { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'tiny' },
    { ...other.jwk, kid: 'dup', alg: 'RS512' },
    { ...rsa.jwk, kid: 'dup' },
    { ...rsa.jwk, kid: 'ops-encrypt', key_ops: ['encrypt'] },
    { ...rsa.jwk, kid: 'ops-verify', key_ops: ['verify'] },
    { ...rsa.jwk, kid: 'ops-not-a-list', key_ops: 'verify' },
    { ...rsa.jwk, kid: 'alg-not-a-string', alg: 256 },
    { ...other.jwk, kid: 'rotating' },
    { ...rsa.jwk, kid: 'rotating' },
  ],
}

const claims = { sub: 'user_1', sid: 'sess_1', iat: SEC - 10, nbf: SEC - 10, exp: SEC + 60 }
const sign = (payload, { key = rsa, alg = 'RS256', header = {} } = {}) =>
  new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', kid: 'k1', ...header }).sign(key.privateKey)
const valid = await sign(claims)
const [h, p, s] = valid.split('.')

// [name, token, key name | 'jwks' | null, options, expected reason or 'ok', Clerk oracle or null]
const cases = [
  ['RS256 valid', valid, 'rsa', {}, 'ok', 'token'],
  ['RS384 valid', await sign(claims, { alg: 'RS384' }), 'rsa', {}, 'ok', 'jwt'],
  ['RS512 valid', await sign(claims, { alg: 'RS512' }), 'rsa', {}, 'ok', 'jwt'],
  ['RS384 wrong key', await sign(claims, { alg: 'RS384', key: other }), 'rsa', {}, 'token-invalid-signature', 'jwt'],
  ['RS512 expired', await sign({ ...claims, exp: SEC - 6 }, { alg: 'RS512' }), 'rsa', {}, 'token-expired', 'jwt'],
  ['no typ is fine', await sign(claims, { header: { typ: undefined } }), 'rsa', {}, 'ok', 'token'],
  ['RSA 4096 PEM', await sign(claims, { key: rsa4096 }), 'rsa4096', {}, 'ok', 'jwt'],
  ['PKCS#1 PEM', valid, 'pkcs1', {}, 'ok', null],
  ['ES256 with a P-256 PEM', await sign(claims, { key: p256, alg: 'ES256' }), 'p256', {}, 'ok', null],
  ['ES384 with a P-384 PEM', await sign(claims, { key: p384, alg: 'ES384' }), 'p384', {}, 'ok', null],
  ['two parts', `${h}.${p}`, 'rsa', {}, 'token-invalid', 'token'],
  ['four parts', `${valid}.${s}`, 'rsa', {}, 'token-invalid', 'token'],
  ['garbage', 'not a token', 'rsa', {}, 'token-invalid', 'token'],
  ['empty', '', 'rsa', {}, 'token-invalid', 'token'],
  ['typ at+jwt', await sign(claims, { header: { typ: 'at+jwt' } }), 'rsa', {}, 'token-invalid', 'token'],
  ['typ jwt (lower case)', await sign(claims, { header: { typ: 'jwt' } }), 'rsa', {}, 'token-invalid', 'token'],
  ['typ null', forge({ alg: 'RS256', typ: null }, claims, s), 'rsa', {}, 'token-invalid', 'token'],
  [
    'machine token category',
    await sign(claims, { header: { cat: 'cl_B7d4PD333AAA' } }),
    'rsa',
    {},
    'token-invalid',
    'token',
  ],
  ['alg none', forge({ alg: 'none', typ: 'JWT' }, claims, ''), 'rsa', {}, 'token-invalid-algorithm', 'token'],
  ['alg missing', forge({ typ: 'JWT' }, claims, s), 'rsa', {}, 'token-invalid-algorithm', 'token'],
  ['alg PS256', forge({ alg: 'PS256', typ: 'JWT' }, claims, s), 'rsa', {}, 'token-invalid-algorithm', 'token'],
  [
    'HS256 keyed with the public key',
    await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(rsa.pem)),
    'rsa',
    {},
    'token-invalid-algorithm',
    'token',
  ],
  [
    'ES256 against an RSA key',
    await sign(claims, { key: p256, alg: 'ES256' }),
    'rsa',
    {},
    'token-invalid-algorithm',
    'token',
  ],
  ['RS256 against a P-256 key', valid, 'p256', {}, 'token-invalid-algorithm', null],
  [
    'ES384 against a P-256 key',
    await sign(claims, { key: p384, alg: 'ES384' }),
    'p256',
    {},
    'token-invalid-algorithm',
    null,
  ],
  ['wrong key', await sign(claims, { key: other }), 'rsa', {}, 'token-invalid-signature', 'token'],
  ['tampered payload', `${h}.${b64({ ...claims, sub: 'user_2' })}.${s}`, 'rsa', {}, 'token-invalid-signature', 'token'],
  [
    'tampered signature',
    `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`,
    'rsa',
    {},
    'token-invalid-signature',
    'token',
  ],
  ['empty signature', `${h}.${p}.`, 'rsa', {}, 'token-invalid-signature', 'token'],
  [
    'RSA 1024 key',
    signRs256(rsa1024.privateKey, { alg: 'RS256', typ: 'JWT' }, claims),
    'rsa1024',
    {},
    'token-verification-failed',
    null,
  ],
  ['garbage PEM', valid, 'garbage', {}, 'token-verification-failed', null],
  ['no key', valid, null, {}, 'jwk-local-missing', null],
  ['JWKS kid k1', valid, 'jwks', {}, 'ok', null],
  [
    'JWKS kid k2 (ES256)',
    await sign(claims, { key: p256, alg: 'ES256', header: { kid: 'k2' } }),
    'jwks',
    {},
    'ok',
    null,
  ],
  ['JWKS unknown kid', await sign(claims, { header: { kid: 'nope' } }), 'jwks', {}, 'jwk-kid-mismatch', null],
  ['JWKS token without kid', await sign(claims, { header: { kid: undefined } }), 'jwks', {}, 'jwk-kid-mismatch', null],
  [
    'JWKS key for encryption only',
    await sign(claims, { key: other, header: { kid: 'enc' } }),
    'jwks',
    {},
    'jwk-kid-mismatch',
    null,
  ],
  [
    'JWKS key limited to RS384',
    await sign(claims, { key: other, header: { kid: 'k384' } }),
    'jwks',
    {},
    'token-invalid-algorithm',
    null,
  ],
  ['JWKS HMAC key', await sign(claims, { header: { kid: 'oct' } }), 'jwks', {}, 'token-invalid-algorithm', null],
  [
    'JWKS key too small',
    await sign(claims, { header: { kid: 'tiny' } }),
    'jwks',
    {},
    'token-verification-failed',
    null,
  ],
  ['JWKS duplicate kid: the one that fits', await sign(claims, { header: { kid: 'dup' } }), 'jwks', {}, 'ok', null],
  // Key restrictions fail closed, and a rotation tries each key under the kid.
  [
    'JWKS key_ops without verify',
    await sign(claims, { header: { kid: 'ops-encrypt' } }),
    'jwks',
    {},
    'jwk-kid-mismatch',
    null,
  ],
  ['JWKS key_ops with verify', await sign(claims, { header: { kid: 'ops-verify' } }), 'jwks', {}, 'ok', null],
  [
    'JWKS key_ops not a list',
    await sign(claims, { header: { kid: 'ops-not-a-list' } }),
    'jwks',
    {},
    'jwk-kid-mismatch',
    null,
  ],
  [
    'JWKS alg not a string',
    await sign(claims, { header: { kid: 'alg-not-a-string' } }),
    'jwks',
    {},
    'token-verification-failed',
    null,
  ],
  [
    'JWKS rotation: the second key under the kid',
    await sign(claims, { header: { kid: 'rotating' } }),
    'jwks',
    {},
    'ok',
    null,
  ],
  [
    'JWKS rotation: neither key under the kid',
    await sign(claims, { key: rsa4096, header: { kid: 'rotating' } }),
    'jwks',
    {},
    'token-invalid-signature',
    null,
  ],
  ['sub missing', await sign({ ...claims, sub: undefined }), 'rsa', {}, 'token-verification-failed', 'token'],
  ['sub a number', await sign({ ...claims, sub: 42 }), 'rsa', {}, 'token-verification-failed', 'token'],
  ['audience matches', await sign({ ...claims, aud: 'api' }), 'rsa', { audience: 'api' }, 'ok', 'token'],
  [
    'audience in a list',
    await sign({ ...claims, aud: ['x', 'api'] }),
    'rsa',
    { audience: ['api', 'y'] },
    'ok',
    'token',
  ],
  [
    'audience mismatch',
    await sign({ ...claims, aud: 'other' }),
    'rsa',
    { audience: 'api' },
    'token-verification-failed',
    'token',
  ],
  [
    'audience given, no aud (stricter than Clerk)',
    valid,
    'rsa',
    { audience: 'api' },
    'token-verification-failed',
    null,
  ],
  [
    'aud list with a number, one entry listed',
    await sign({ ...claims, aud: [1, 'api'] }),
    'rsa',
    { audience: 'api' },
    'ok',
    'token',
  ],
  [
    'aud list with a number, none listed (Clerk skips the check)',
    await sign({ ...claims, aud: [1, 'web'] }),
    'rsa',
    { audience: 'api' },
    'token-verification-failed',
    null,
  ],
  ['aud without an audience option', await sign({ ...claims, aud: 'any' }), 'rsa', {}, 'ok', 'token'],
  [
    'azp listed',
    await sign({ ...claims, azp: 'https://app.example' }),
    'rsa',
    { authorizedParties: ['https://app.example'] },
    'ok',
    'token',
  ],
  [
    'azp not listed',
    await sign({ ...claims, azp: 'https://evil.example' }),
    'rsa',
    { authorizedParties: ['https://app.example'] },
    'token-invalid-authorized-parties',
    'token',
  ],
  [
    'azp missing',
    valid,
    'rsa',
    { authorizedParties: ['https://app.example'] },
    'token-invalid-authorized-parties',
    'token',
  ],
  [
    'azp with no authorizedParties',
    await sign({ ...claims, azp: 'https://evil.example' }),
    'rsa',
    { authorizedParties: [] },
    'ok',
    'token',
  ],
  [
    'issuer matches',
    await sign({ ...claims, iss: 'https://clerk.example' }),
    'rsa',
    { issuer: 'https://clerk.example' },
    'ok',
    'token',
  ],
  [
    'issuer in a list',
    await sign({ ...claims, iss: 'https://clerk.example' }),
    'rsa',
    { issuer: ['', 'https://clerk.example'] },
    'ok',
    'token',
  ],
  [
    'issuer mismatch',
    await sign({ ...claims, iss: 'https://evil.example' }),
    'rsa',
    { issuer: 'https://clerk.example' },
    'token-invalid-issuer',
    'token',
  ],
  ['issuer given, no iss', valid, 'rsa', { issuer: 'https://clerk.example' }, 'token-invalid-issuer', 'token'],
  ['exp missing', await sign({ ...claims, exp: undefined }), 'rsa', {}, 'token-verification-failed', 'token'],
  ['exp a string', await sign({ ...claims, exp: String(SEC + 60) }), 'rsa', {}, 'token-verification-failed', 'token'],
  ['expired within the skew', await sign({ ...claims, exp: SEC - 4 }), 'rsa', {}, 'ok', 'token'],
  ['expired exactly at the skew', await sign({ ...claims, exp: SEC - 5 }), 'rsa', {}, 'token-expired', 'token'],
  ['expired beyond the skew', await sign({ ...claims, exp: SEC - 6 }), 'rsa', {}, 'token-expired', 'token'],
  ['expired, a larger skew', await sign({ ...claims, exp: SEC - 30 }), 'rsa', { clockSkewInMs: 60_000 }, 'ok', 'token'],
  [
    'skew not a number: options-invalid (Clerk coerces it)',
    await sign({ ...claims, exp: SEC - 30 }),
    'rsa',
    { clockSkewInMs: '60000' },
    'options-invalid',
    null,
  ],
  ['exp fractional', await sign({ ...claims, exp: SEC - 5 + 0.9 }), 'rsa', {}, 'token-expired', 'token'],
  ['exp beyond the Date range', await sign({ ...claims, exp: 9e12 }), 'rsa', {}, 'ok', 'token'],
  ['nbf within the skew', await sign({ ...claims, nbf: SEC + 4 }), 'rsa', {}, 'ok', 'token'],
  ['nbf in the future', await sign({ ...claims, nbf: SEC + 6 }), 'rsa', {}, 'token-not-active-yet', 'token'],
  ['nbf a string', await sign({ ...claims, nbf: 'soon' }), 'rsa', {}, 'token-verification-failed', 'token'],
  ['nbf null', await sign({ ...claims, nbf: null }), 'rsa', {}, 'token-verification-failed', 'token'],
  ['iat in the future', await sign({ ...claims, iat: SEC + 6 }), 'rsa', {}, 'token-iat-in-the-future', 'token'],
  ['iat a string', await sign({ ...claims, iat: 'now' }), 'rsa', {}, 'token-verification-failed', 'token'],
  ['order: signature before sub', `${h}.${b64({ exp: 1 })}.${s}`, 'rsa', {}, 'token-invalid-signature', 'token'],
  [
    'order: azp before exp',
    await sign({ ...claims, exp: SEC - 60 }),
    'rsa',
    { authorizedParties: ['https://app.example'] },
    'token-invalid-authorized-parties',
    'token',
  ],
  [
    'order: iss before exp',
    await sign({ ...claims, exp: SEC - 60 }),
    'rsa',
    { issuer: 'https://clerk.example' },
    'token-invalid-issuer',
    'token',
  ],
  ['order: exp before nbf', await sign({ ...claims, exp: SEC - 60, nbf: 'x' }), 'rsa', {}, 'token-expired', 'token'],
  ['order: typ before alg', forge({ alg: 'none', typ: 'JOSE' }, claims, ''), 'rsa', {}, 'token-invalid', 'token'],
  // Stricter than Clerk: RFC 7515's crit, a capped header, and no payload read before the signature.
  [
    'crit names a parameter (RFC 7515: reject)',
    signRs256(rsa.privateKey, { alg: 'RS256', typ: 'JWT', kid: 'k1', crit: ['exp'], exp: 1 }, claims),
    'rsa',
    {},
    'token-invalid',
    null,
  ],
  [
    'header over 8 KiB',
    signRs256(rsa.privateKey, { alg: 'RS256', typ: 'JWT', kid: 'k1', pad: 'x'.repeat(7000) }, claims),
    'rsa',
    {},
    'token-invalid',
    null,
  ],
  [
    'payload not JSON, signed',
    signRs256(rsa.privateKey, { alg: 'RS256', typ: 'JWT' }, 'not json'),
    'rsa',
    {},
    'token-invalid',
    'token',
  ],
  [
    'payload not JSON, signature not valid (signature first)',
    `${h}.${b64('not json')}.${s}`,
    'rsa',
    {},
    'token-invalid-signature',
    null,
  ],
  [
    'payload with 1e400, signature not valid (signature first)',
    `${h}.${b64('{"exp":1e400}')}.${s}`,
    'rsa',
    {},
    'token-invalid-signature',
    'token',
  ],
  [
    'unicode claims',
    await sign({ ...claims, name: 'Zoë 名前 🔐', org: { slug: 'ünïcødé' } }),
    'rsa',
    {},
    'ok',
    'token',
  ],
]

// Handshake tokens (the Frontend API's format=token answer): [name, token, key, expected], where
// expected is the Set-Cookie directives it carries or the reason it is refused.
const cookies = [`__session=${valid}; Path=/; SameSite=Lax`, `__client_uat=${SEC - 10}; Path=/; SameSite=Lax`]
const handshake = (payload, options) => sign(payload, options)
const handshakes = [
  ['valid', await handshake({ handshake: cookies, iat: SEC - 1, exp: SEC + 60 }), 'rsa', cookies],
  ['valid, no exp', await handshake({ handshake: cookies }), 'rsa', cookies],
  ['valid, by kid from the JWKS', await handshake({ handshake: cookies }), 'jwks', cookies],
  ['expired', await handshake({ handshake: cookies, exp: SEC - 60 }), 'rsa', 'token-expired'],
  ['signed by another key', await handshake({ handshake: cookies }, { key: other }), 'rsa', 'token-invalid-signature'],
  [
    'forged, alg none',
    forge({ alg: 'none', typ: 'JWT' }, { handshake: cookies }, ''),
    'rsa',
    'token-invalid-algorithm',
  ],
  [
    'a machine token category',
    await handshake({ handshake: cookies }, { header: { cat: 'cl_B7d4PD333AAA' } }),
    'rsa',
    'token-invalid',
  ],
  ['no handshake claim', await handshake({ sub: 'x' }), 'rsa', []],
  ['handshake not a list', await handshake({ handshake: 'a=b' }), 'rsa', []],
  ['not a JWT', 'abc', 'rsa', 'token-invalid'],
]

const fixtures = { now: NOW, keys, jwks, cases: [], handshakes: [] }
for (const [name, token, key, expected] of handshakes) fixtures.handshakes.push({ name, token, key, expected })
for (const [name, token, key, options, expected, clerk] of cases) {
  if (clerk) {
    const got = await clerkReason(token, { ...options, jwtKey: keys[key] }, NOW, clerk)
    if (got !== expected) throw new Error(`${name}: Clerk says ${got}, the fixture says ${expected}`)
  }
  fixtures.cases.push({ name, token, key, options, expected, clerk })
}
const path = new URL('../fixtures/verify.json', import.meta.url)
writeFileSync(path, JSON.stringify(fixtures, null, 1) + '\n')
console.log(`wrote ${fixtures.cases.length} cases to ${path.pathname}`)
