// Garbage into every export, public and raw wasm-bindgen glue alike: the answer is a value or a
// thrown Error (an AuthError from the public API), never a wasm trap. A Rust panic or an aborted
// allocation would surface as WebAssembly.RuntimeError and could poison the module for the page.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { AuthError, authObjectFromClaims, createCheckAuthorization, decodeJwt } from 'wasm-auth'
// The glue of the instance the package uses here (in Node: the server build), through its registry.
import { core as glue } from '../../pkg/wasm.js'

const garbage = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('.', 'e', 'y', 'J', '=', '_', '-', 'ä', '\ud800'), maxLength: 60 }),
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 32 }),
)

function outcome(fn) {
  try {
    fn()
    return 'value'
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `wasm trapped: ${e.stack}`)
    assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`)
    return e
  }
}

test('the public API answers garbage with values or AuthErrors', () => {
  const has = createCheckAuthorization({
    userId: 'u',
    orgId: 'o',
    orgRole: 'org:admin',
    features: 'o:a',
    factorVerificationAge: [1, 1],
  })
  fc.assert(
    fc.property(garbage, garbage, (a, b) => {
      for (const fn of [() => decodeJwt(a), () => authObjectFromClaims(a), () => createCheckAuthorization(a)]) {
        const e = outcome(fn)
        if (e !== 'value') assert.ok(e instanceof AuthError, `${e.name}: ${e.message}`)
      }
      assert.equal(typeof has(a), 'boolean')
      assert.equal(typeof has({ role: a, permission: b, feature: a, plan: b, reverification: a }), 'boolean')
      assert.equal(typeof has({ reverification: { level: a, afterMinutes: b } }), 'boolean')
    }),
    { numRuns: 3000, seed: 7 },
  )
})

test('the raw glue never traps, whatever it is handed', () => {
  glue.checkerCompile('{"userId":"u"}')
  fc.assert(
    fc.property(
      garbage,
      fc.array(fc.oneof(garbage, fc.nat(), fc.constant(2 ** 32 - 1)), { minLength: 7, maxLength: 7 }),
      (g, args) => {
        outcome(() => glue.decodeJwt(g))
        outcome(() => glue.organizationFromClaims(g))
        outcome(() => glue.checkerCompile(g))
        outcome(() => glue.checkerHas(...args, g))
        outcome(() => glue.checkerHas(g, ...args))
        outcome(() => glue.checkScratch(typeof g === 'number' ? g : 16))
        outcome(() => glue.checkArena(typeof g === 'number' ? g % 65536 : 16))
      },
    ),
    { numRuns: 2000, seed: 11 },
  )
})

test('oversized inputs are refused before they cross, and the module still works after', () => {
  const huge = 'a'.repeat(20 * 1024 * 1024)
  assert.equal(outcome(() => decodeJwt(`${huge}.${huge}.${huge}`)).code, 'token-invalid')
  assert.equal(outcome(() => authObjectFromClaims({ v: 2, o: { per: huge } })).code, 'claims-invalid')
  assert.equal(outcome(() => createCheckAuthorization({ userId: huge })).code, 'options-invalid')
  const has = createCheckAuthorization({ userId: 'u', orgId: 'o', orgRole: 'admin' })
  assert.equal(has({ role: huge }), false, 'a 20 MiB parameter')
  assert.equal(
    outcome(() => glue.checkScratch(2 ** 32 - 1)),
    'value',
    'an impossible scratch size',
  )
  assert.equal(has({ role: 'org:admin' }), true)
  assert.equal(decodeJwt(`${Buffer.from('{}').toString('base64url')}.e30.`).payload.constructor, Object)
})
