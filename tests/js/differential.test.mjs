// Differential test: authObjectFromClaims and has() against Clerk's @clerk/shared on generated
// claims and params, realistic and malformed. FC_SEED=<n> replays a run; FC_RUNS scales it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inspect } from 'node:util'
import fc from 'fast-check'
import { authObjectFromClaims, createCheckAuthorization } from 'wasm-auth'
import { checkOptions, checkParams, claims } from '../support/arbitraries.mjs'
import { clerkAuthObject, clerkHas, nullish, optionsFromAuth } from '../support/clerk.mjs'

const runs = Number(process.env.FC_RUNS ?? 20_000)
const seed = Number(process.env.FC_SEED ?? 20261126)
const paramsPerCase = fc.array(checkParams, { minLength: 4, maxLength: 4 })

// JSON.stringify writes -0 as 0, so -0 inside claims comes back as 0; nothing else may differ.
const zeroed = (value) => JSON.parse(JSON.stringify(value))

function ours(claims) {
  try {
    return authObjectFromClaims(claims)
  } catch {
    return { threw: true }
  }
}

test(`authObjectFromClaims and has() agree with @clerk/shared on ${runs} claim sets`, () => {
  let compared = 0
  let threw = 0
  fc.assert(
    fc.property(claims, paramsPerCase, (c, paramsList) => {
      const mine = ours(c)
      const clerk = clerkAuthObject(c)
      if (clerk.threw || mine.threw) {
        assert.deepEqual(mine.threw, clerk.threw, 'both throw or neither')
        threw++
        return
      }
      assert.deepEqual(zeroed(nullish(mine)), zeroed(nullish(clerk)))
      const has = createCheckAuthorization(optionsFromAuth(mine))
      const clerkOptions = optionsFromAuth(clerk)
      for (const params of paramsList) {
        assert.equal(has(params), clerkHas(clerkOptions, params), `has(${inspect(params)})`)
        compared++
      }
    }),
    { numRuns: runs, seed },
  )
  console.log(`# claim sets: ${runs} (${threw} malformed, thrown by both), has() answers compared: ${compared}`)
  assert.ok(threw > runs / 50 && threw < runs / 2, `a useful share of malformed claims (${threw})`)
})

test(`has() agrees with @clerk/shared on ${runs / 2} directly given option sets`, () => {
  let trues = 0
  fc.assert(
    fc.property(checkOptions, paramsPerCase, (options, paramsList) => {
      const has = createCheckAuthorization(options)
      for (const params of paramsList) {
        const expected = clerkHas(options, params)
        assert.equal(has(params), expected, `has(${inspect(params)})`)
        if (expected) trues++
      }
    }),
    { numRuns: runs / 2, seed },
  )
  console.log(`# option sets: ${runs / 2}, has() answers compared: ${runs * 2}, of which true: ${trues}`)
  assert.ok(trues > runs / 100, `enough true answers to mean something (${trues})`)
})

// A number where Clerk expects a string is printed by JS's own rules (`org:${rol}`): the shortest
// digits that read back as the number, the closer of two, ties to the even digit, JS's layout.
test(`a number as o.rol prints as JavaScript prints it (${runs} doubles)`, () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true })
  fc.assert(
    fc.property(finite, (rol) => {
      const claims = { v: 2, sub: 'user_1', o: { id: 'org_1', rol } }
      assert.equal(authObjectFromClaims(claims).orgRole, clerkAuthObject(claims).orgRole ?? null, `rol: ${rol}`)
    }),
    { numRuns: runs, seed },
  )
})
