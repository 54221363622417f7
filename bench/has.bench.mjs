// has(): ours (the check runs in wasm) against @clerk/shared's createCheckAuthorization, on the
// same options and a realistic mix of params, hits and misses across every dimension.
import { createCheckAuthorization as clerk } from '@clerk/shared/authorization'
import { createCheckAuthorization } from 'wasm-auth'
import { compare } from './harness.mjs'
import { options, params } from './has-cases.mjs'

const ours = createCheckAuthorization(options)
const theirs = clerk(options)
for (const p of params) if (ours(p) !== theirs(p)) throw new Error(`disagree on ${JSON.stringify(p)}`)
const hits = params.filter((p) => ours(p)).length
const n = params.length

const medians = compare(`has() per call, ${n} params (${hits} true, ${n - hits} false), one checker`, {
  'wasm-auth has()': (i) => ours(params[i % n]),
  '@clerk/shared createCheckAuthorization': (i) => theirs(params[i % n]),
})
const ratio = medians['wasm-auth has()'] / medians['@clerk/shared createCheckAuthorization']
console.log(`  target ours/@clerk/shared <= 0.5: ${ratio <= 0.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`)

compare('createCheckAuthorization(options) per checker made', {
  'wasm-auth': () => createCheckAuthorization(options),
  '@clerk/shared': () => clerk(options),
})
