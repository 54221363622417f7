// Claims shaped to cost more than their size: thousands of organization features granting one
// long permission name (once, a 230 KB token grew wasm memory past 2 GiB and trapped, killing the
// instance for good), masks of thousands of digits, features × permissions. Decoding is linear in
// the claims (src/permissions.rs): each answer here is exact, and wasm memory grows by a bounded
// amount. (How long each takes, beside @clerk/shared, is bench/decode.bench.mjs's.)
import assert from 'node:assert/strict'
import { KeyObject } from 'node:crypto'
import { test } from 'node:test'
import { exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { AuthError, authObjectFromClaims, decodeJwt } from 'wasm-auth'
import { authenticateRequest } from 'wasm-auth/server'
import * as wasm from '../../node_modules/wasm-auth/wasm.js'
import { hostileClaims } from '../support/hostile-claims.mjs'

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
const unsigned = (claims) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2ln`
const MiB = 1024 * 1024

/** What `run` grows wasm memory by, in MiB (memory never shrinks: growth is the high-water mark). */
function growth(run) {
  const before = wasm.memory.buffer.byteLength
  const result = run()
  return [result, (wasm.memory.buffer.byteLength - before) / MiB]
}

test('many features granting one long name: decoded exactly, in memory linear in the claims', () => {
  const { claims, features, name } = hostileClaims({ features: 12_000, nameLength: 50_000 })
  const token = unsigned(claims)
  assert.ok(token.length > 200_000 && token.length < 256 * 1024, `a ${token.length}-byte token, under the cap`)
  const [auth, grown] = growth(() => authObjectFromClaims(decodeJwt(token).payload))
  assert.equal(auth.orgPermissions.length, features)
  assert.equal(auth.orgPermissions[7], `org:f7:${name}`)
  assert.ok(grown < 16, `wasm memory grew ${grown} MiB`)
})

test('the same shape, signed: authenticateRequest and has() answer without expanding it', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const { claims, name } = hostileClaims({ features: 8_000, nameLength: 50_000 })
  const now = Math.floor(Date.now() / 1000)
  const jwt = await new SignJWT({ ...claims, iat: now - 5, exp: now + 600 })
    .setProtectedHeader({ alg: 'RS256' })
    .sign(KeyObject.from(privateKey))
  const request = new Request('https://app.example/', { headers: { authorization: `Bearer ${jwt}` } })
  const before = wasm.memory.buffer.byteLength
  const auth = await authenticateRequest(request, { jwtKey: await exportSPKI(publicKey) })
  assert.equal(auth.status, 'signed-in')
  assert.equal(auth.has({ permission: `org:f7999:${name}` }), true)
  assert.equal(auth.has({ permission: `org:f8000:${name}` }), false)
  assert.ok((wasm.memory.buffer.byteLength - before) / MiB < 16, 'has() compiled the claims, not their expansion')
})

test('features × permissions: only granted pairs cost anything', () => {
  // 20,000 features over 20,000 permissions, each feature granting one: 20,000 pairs, not 400 million.
  const per = Array.from({ length: 20_000 }, (_, i) => `p${i}`).join(',')
  const fea = Array.from({ length: 20_000 }, (_, i) => `o:f${i}`).join(',')
  const fpm = Array.from({ length: 20_000 }, () => '1').join(',')
  const [auth, grown] = growth(() => authObjectFromClaims({ v: 2, sub: 'u', fea, o: { id: 'o', per, fpm } }))
  assert.equal(auth.orgPermissions.length, 20_000)
  assert.equal(auth.orgPermissions[19_999], 'org:f19999:p0')
  assert.ok(grown < 16, `wasm memory grew ${grown} MiB`)
})

test('a mask longer than 4,096 digits is claims-invalid; one of 4,096 is read exactly', () => {
  const per = Array.from({ length: 14_000 }, (_, i) => `p${i}`).join(',')
  const claims = (fpm) => ({ v: 2, sub: 'u', fea: 'o:f', o: { id: 'o', per, fpm } })
  assert.throws(
    () => authObjectFromClaims(claims('9'.repeat(4097))),
    (e) => e instanceof AuthError && e.code === 'claims-invalid',
  )
  // 10^4095 = 2^4095 * 5^4095: its lowest set bit is bit 4095.
  const permissions = authObjectFromClaims(claims(`1${'0'.repeat(4095)}`)).orgPermissions
  assert.equal(permissions[0], 'org:f:p4095')
  assert.equal(authObjectFromClaims(claims(`${'0'.repeat(100_000)}5`)).orgPermissions.length, 2, 'leading zeros')
})
