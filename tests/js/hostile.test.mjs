// 100,000 random and mutated tokens and params through the JS API, as an attacker or a broken
// proxy would send them: every answer is a value or an AuthError (never a wasm trap, never a
// thrown non-Error), and neither wasm memory nor the JS heap grows beyond a bound.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { AuthError, authObjectFromClaims, createCheckAuthorization, decodeJwt } from 'wasm-auth'
import { memory } from '../../node_modules/wasm-auth/wasm.js'
import { checkParams, claims } from '../support/arbitraries.mjs'

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
const HEADER = b64({ alg: 'RS256', kid: 'ins_1', typ: 'JWT' })

/** A well-formed token around generated claims, then maybe mutated. */
const token = fc
  .tuple(
    claims,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'flip', 'dot', 'pad', 'cut', 'dup', 'byte')), { maxLength: 4 }),
    fc.string({ maxLength: 4 }),
  )
  .map(([c, mutations, junk]) => {
    let t = `${HEADER}.${b64(c)}.${b64('signature')}`
    for (const [at, kind] of mutations) {
      const i = at % (t.length + 1)
      if (kind === 'drop') t = t.slice(0, i) + t.slice(i + 1)
      else if (kind === 'flip') t = t.slice(0, i) + String.fromCharCode((t.charCodeAt(i) || 65) ^ 1) + t.slice(i + 1)
      else if (kind === 'dot') t = `${t.slice(0, i)}.${t.slice(i)}`
      else if (kind === 'pad') t = `${t.slice(0, i)}=${t.slice(i)}`
      else if (kind === 'cut') t = t.slice(0, i)
      else if (kind === 'dup') t = t + t.slice(i)
      else t = t.slice(0, i) + junk + t.slice(i)
    }
    return t
  })

const otherTokens = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => `${HEADER}.${b64(v)}.`),
  fc.nat({ max: 5000 }).map((d) => `${HEADER}.${b64(`{"a":${'['.repeat(d)}${']'.repeat(d)}}`)}.`),
  fc.uint8Array({ maxLength: 120 }).map((bytes) => `${HEADER}.${Buffer.from(bytes).toString('base64url')}.x`),
)

function attempt(fn) {
  try {
    return fn()
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `wasm trapped: ${e.stack}`)
    assert.ok(e instanceof AuthError, `threw something other than an AuthError: ${String(e)}`)
    return undefined
  }
}

test('100,000 hostile tokens and params: only values and AuthErrors, memory bounded', () => {
  globalThis.gc?.()
  const start = { wasm: memory.buffer.byteLength, heap: process.memoryUsage().heapUsed }
  const counts = { inputs: 0, decoded: 0, normalised: 0, checks: 0 }
  fc.assert(
    fc.property(
      fc.oneof({ weight: 3, arbitrary: token }, { weight: 1, arbitrary: otherTokens }),
      checkParams,
      (t, params) => {
        counts.inputs++
        const decoded = attempt(() => decodeJwt(t))
        if (!decoded) return
        counts.decoded++
        const auth = attempt(() => authObjectFromClaims(decoded.payload))
        if (!auth) return
        counts.normalised++
        const has = attempt(() =>
          createCheckAuthorization({ ...auth, features: decoded.payload.fea, plans: decoded.payload.pla }),
        )
        if (!has) return
        assert.equal(typeof has(params), 'boolean')
        assert.equal(typeof has(t), 'boolean')
        counts.checks += 2
      },
    ),
    { numRuns: 100_000, seed: 99 },
  )
  globalThis.gc?.()
  const growth = { wasm: memory.buffer.byteLength - start.wasm, heap: process.memoryUsage().heapUsed - start.heap }
  console.log(`# hostile inputs: ${JSON.stringify(counts)}; growth: wasm ${growth.wasm} B, heap ${growth.heap} B`)
  assert.equal(counts.inputs, 100_000)
  assert.ok(counts.decoded > 10_000 && counts.decoded < 90_000, 'a mix of decodable and undecodable tokens')
  assert.ok(growth.wasm <= 8 * 1024 * 1024, `wasm memory grew ${growth.wasm} bytes`)
  assert.ok(growth.heap <= 32 * 1024 * 1024, `JS heap grew ${growth.heap} bytes`)
})
