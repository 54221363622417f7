// tests/fixtures/verify.json through the built package (Rust runs it in tests/verify.rs). Cases
// with a Clerk oracle are re-checked against @clerk/backend on every run, with the same clock.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { TokenVerificationError, authenticateRequest, verifyTokenSync } from 'wasm-auth/server'
import { verifyFixtures, verifyKeyOptions } from '../support/fixtures.mjs'
import { clerkReason, oursReason } from '../support/verify-oracle.mjs'

const { now, cases } = verifyFixtures

describe('verifyToken fixtures', () => {
  test('there are cases for every reason and an oracle for most', () => {
    const reasons = new Set(cases.map((c) => c.expected))
    assert.equal(reasons.size, 13) // 'ok', 11 reasons and options-invalid
    assert.ok(cases.filter((c) => c.clerk).length >= 55)
  })
  for (const c of cases) {
    test(c.name, async () => {
      const options = { ...c.options, ...verifyKeyOptions(c.key) }
      assert.equal(oursReason(verifyTokenSync, c.token, options, now), c.expected)
      if (c.clerk) assert.equal(await clerkReason(c.token, options, now, c.clerk), c.expected, 'Clerk agrees')
    })
  }
})

test('the payload comes back as the token has it, key order included', () => {
  const c = cases.find((c) => c.name === 'unicode claims')
  const realNow = Date.now
  Date.now = () => now
  try {
    const payload = verifyTokenSync(c.token, { jwtKey: verifyFixtures.keys.rsa })
    const json = Buffer.from(c.token.split('.')[1], 'base64url').toString()
    assert.equal(JSON.stringify(payload), json)
    assert.equal(payload.name, 'Zoë 名前 🔐')
  } finally {
    Date.now = realNow
  }
})

test('failures are TokenVerificationErrors: Errors with a name, code and reason', () => {
  assert.throws(() => verifyTokenSync('a.b', {}), TokenVerificationError)
  let caught
  try {
    verifyTokenSync('a.b', { jwtKey: verifyFixtures.keys.rsa })
  } catch (e) {
    caught = e
  }
  assert.ok(caught instanceof Error && caught instanceof TokenVerificationError)
  assert.equal(caught.name, 'TokenVerificationError')
  assert.equal(caught.reason, 'token-invalid')
  assert.equal(caught.code, 'token-invalid')
})

// The handshake fixtures (tests/verify.rs runs them in Rust) through authenticateRequest: a
// handshake token in the URL is verified with the request's keys; its cookies are set only if it
// verifies. A development instance answers a refused one signed out with the token's reason.
describe('handshake token fixtures through authenticateRequest', () => {
  const publishableKey = `pk_test_${Buffer.from('clerk.app.example$').toString('base64url')}`
  for (const c of verifyFixtures.handshakes) {
    test(c.name, async () => {
      const realNow = Date.now
      Date.now = () => now
      try {
        const request = new Request(`https://app.example/page?__clerk_handshake=${c.token}`, {
          headers: { 'sec-fetch-dest': 'document' },
        })
        const auth = await authenticateRequest(request, { publishableKey, ...verifyKeyOptions(c.key) })
        const cookies = auth.headers.getSetCookie()
        if (Array.isArray(c.expected)) {
          assert.deepEqual(cookies, c.expected)
          const signedIn = c.expected.some((d) => d.startsWith('__session='))
          assert.deepEqual(
            [auth.status, auth.reason],
            signedIn ? ['signed-in', null] : ['signed-out', 'session-token-missing'],
          )
          assert.equal(auth.headers.get('location'), '/page', 'back to the clean URL, on the same origin')
        } else {
          assert.deepEqual([auth.status, auth.reason, cookies], ['signed-out', c.expected, []])
        }
      } finally {
        Date.now = realNow
      }
    })
  }
})
