// The shared fixtures through the built package, each expectation also checked against Clerk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { authObjectFromClaims, createCheckAuthorization, AuthError } from 'wasm-auth'
import { claimsFixtures, hasCases } from '../support/fixtures.mjs'
import { clerkAuthObject, clerkHas, nullish } from '../support/clerk.mjs'

describe('has() fixtures', () => {
  for (const c of hasCases) {
    test(c.name, () => {
      assert.equal(createCheckAuthorization(c.options)(c.params), c.expected)
      assert.equal(clerkHas(c.options, c.params), c.expected, 'Clerk agrees with the fixture')
    })
  }
})

describe('authObjectFromClaims fixtures', () => {
  for (const c of claimsFixtures.cases) {
    test(c.name, () => {
      if (c.error) {
        assert.throws(
          () => authObjectFromClaims(c.claims),
          (e) => e instanceof AuthError && e.code === c.error,
        )
        assert.equal(clerkAuthObject(c.claims).threw, true, 'Clerk throws too')
        return
      }
      const ours = authObjectFromClaims(c.claims)
      assert.equal(ours.sessionClaims, c.claims, 'sessionClaims is the claims object itself')
      assert.deepEqual(nullish(ours), { sessionClaims: c.claims, ...c.expected })
      assert.deepEqual(nullish(clerkAuthObject(c.claims)), { sessionClaims: c.claims, ...c.expected })
    })
  }
})
