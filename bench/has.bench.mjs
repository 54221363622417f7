// has(): ours (the check runs in wasm) against @clerk/shared's createCheckAuthorization, on the
// same options and a realistic mix of params, hits and misses across every dimension. First with
// one checker, then as a server uses it: one checker per request, many requests in flight, each
// call going to the next checker (the sweep's 1, 64, 1,000 and 10,000 live checkers: 1, a cache
// bound, and 100x a cache bound).
import { createCheckAuthorization as clerk } from '@clerk/shared/authorization'
import { createCheckAuthorization } from 'wasm-auth'
import { compare } from './harness.mjs'
import { options, params } from './has-cases.mjs'

const ours = createCheckAuthorization(options)
const theirs = clerk(options)
for (const p of params) if (ours(p) !== theirs(p)) throw new Error(`disagree on ${JSON.stringify(p)}`)
const hits = params.filter((p) => ours(p)).length
const n = params.length
const OURS = 'wasm-auth has()'
const CLERK = '@clerk/shared createCheckAuthorization'

const medians = compare(`has() per call, ${n} params (${hits} true, ${n - hits} false), one checker`, {
  [OURS]: (i) => ours(params[i % n]),
  [CLERK]: (i) => theirs(params[i % n]),
})
const ratio = medians[OURS] / medians[CLERK]
console.log(`  target ours/@clerk/shared <= 0.5: ${ratio <= 0.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`)

// Each live checker is a different user of the same organization (as a server's requests are);
// call i goes to checker i mod N with params i mod 16 shifted by the round through the checkers,
// so every checker meets every param.
const sweep = []
for (const live of [1, 64, 1_000, 10_000]) {
  const optionsOf = (k) => ({ ...options, userId: `user_${k}` })
  const mine = Array.from({ length: live }, (_, k) => createCheckAuthorization(optionsOf(k)))
  const clerks = Array.from({ length: live }, (_, k) => clerk(optionsOf(k)))
  const paramsOf = (i) => params[(i + Math.floor(i / live)) % n]
  for (let i = 0; i < 2 * live; i++) {
    if (mine[i % live](paramsOf(i)) !== clerks[i % live](paramsOf(i))) throw new Error(`disagree at ${i}`)
  }
  const m = compare(`has() per call, ${live.toLocaleString('en-US')} live checkers, called in turn`, {
    [OURS]: (i) => mine[i % live](paramsOf(i)),
    [CLERK]: (i) => clerks[i % live](paramsOf(i)),
  })
  sweep.push({ live, ours: m[OURS], clerk: m[CLERK] })
}
console.log('\nhas() sweep: live checkers, ns per call, ours/@clerk/shared (target <= 0.5 at each)')
for (const { live, ours: o, clerk: c } of sweep) {
  const r = o / c
  console.log(
    `  ${live.toLocaleString('en-US').padStart(6)}   ${o.toFixed(0).padStart(5)} ns   ${c.toFixed(0).padStart(5)} ns   ${r.toFixed(2)} ${r <= 0.5 ? 'met' : 'NOT met'}`,
  )
}

compare('createCheckAuthorization(options) per checker made', {
  'wasm-auth': () => createCheckAuthorization(options),
  '@clerk/shared': () => clerk(options),
})
