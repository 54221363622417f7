// tests/fixtures/verify.json through the built package (Rust runs it in tests/verify.rs). Cases
// with a Clerk oracle are re-checked against @clerk/backend on every run, with the same clock.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { TokenVerificationError, verifyToken } from 'wasm-auth/server'
import { verifyFixtures, verifyKeyOptions } from '../support/fixtures.mjs'
import { clerkReason, oursReason } from '../support/verify-oracle.mjs'

const { now, cases } = verifyFixtures

describe('verifyToken fixtures', () => {
  test('there are cases for every reason and an oracle for most', () => {
    const reasons = new Set(cases.map((c) => c.expected))
    assert.equal(reasons.size, 12) // 'ok' and 11 reasons
    assert.ok(cases.filter((c) => c.clerk).length >= 55)
  })
  for (const c of cases) {
    test(c.name, async () => {
      const options = { ...c.options, ...verifyKeyOptions(c.key) }
      assert.equal(oursReason(verifyToken, c.token, options, now), c.expected)
      if (c.clerk) assert.equal(await clerkReason(c.token, options, now, c.clerk), c.expected, 'Clerk agrees')
    })
  }
})

test('the payload comes back as the token has it, key order included', () => {
  const c = cases.find((c) => c.name === 'unicode claims')
  const realNow = Date.now
  Date.now = () => now
  try {
    const payload = verifyToken(c.token, { jwtKey: verifyFixtures.keys.rsa })
    const json = Buffer.from(c.token.split('.')[1], 'base64url').toString()
    assert.equal(JSON.stringify(payload), json)
    assert.equal(payload.name, 'Zoë 名前 🔐')
  } finally {
    Date.now = realNow
  }
})

test('failures are TokenVerificationErrors: Errors with a name, code and reason', () => {
  assert.throws(() => verifyToken('a.b', {}), TokenVerificationError)
  let caught
  try {
    verifyToken('a.b', { jwtKey: verifyFixtures.keys.rsa })
  } catch (e) {
    caught = e
  }
  assert.ok(caught instanceof Error && caught instanceof TokenVerificationError)
  assert.equal(caught.name, 'TokenVerificationError')
  assert.equal(caught.reason, 'token-invalid')
  assert.equal(caught.code, 'token-invalid')
})
