// Memory across the JS/wasm boundary: wasm linear memory and the JS heap after 1,000,000 has()
// calls and 100,000 checker creations, then with 100,000 checkers alive at once and asked in
// turn. A checker's wasm side is its compiled bytes in an arena of bounded size (js/core/has.js),
// so wasm memory stays within that bound however many checkers live.
import { createCheckAuthorization } from 'wasm-auth'
import { memory } from '../node_modules/wasm-auth/wasm.js'

const options = {
  userId: 'user_1',
  orgId: 'org_1',
  orgRole: 'org:admin',
  orgPermissions: ['org:invoices:read', 'org:reports:export'],
  factorVerificationAge: [3, 7],
  features: 'o:invoices,o:reports,u:beta',
  plans: 'o:pro',
}
const params = [
  { role: 'admin' },
  { permission: 'org:reports:export' },
  { feature: 'u:beta' },
  { plan: 'pro' },
  { reverification: 'strict' },
  { role: 'x'.repeat(2000) },
]

async function settle() {
  // Collect, then let FinalizationRegistry callbacks (which free the wasm side) run.
  for (let i = 0; i < 4; i++) {
    globalThis.gc()
    await new Promise((r) => setTimeout(r, 20))
  }
}
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`
const snapshot = async () => {
  await settle()
  return { wasm: memory.buffer.byteLength, heap: process.memoryUsage().heapUsed }
}

const has = createCheckAuthorization(options)
has(params[0])
const start = await snapshot()

let yes = 0
for (let i = 0; i < 1_000_000; i++) if (has(params[i % params.length])) yes++
const afterCalls = await snapshot()

for (let i = 0; i < 100_000; i++) {
  const check = createCheckAuthorization({ ...options, userId: `user_${i}` })
  if (check(params[i % params.length])) yes++
  if (i % 10_000 === 9_999) await new Promise((r) => setTimeout(r, 0)) // let finalizers run, as an app would
}
const afterCheckers = await snapshot()

console.log('memory (after GC):                      wasm memory   JS heap')
console.log(`  start                                  ${mb(start.wasm).padStart(9)}   ${mb(start.heap).padStart(9)}`)
console.log(
  `  after 1,000,000 has() calls            ${mb(afterCalls.wasm).padStart(9)}   ${mb(afterCalls.heap).padStart(9)}`,
)
console.log(
  `  after 100,000 checker creations        ${mb(afterCheckers.wasm).padStart(9)}   ${mb(afterCheckers.heap).padStart(9)}`,
)
const live = Array.from({ length: 100_000 }, (_, i) => createCheckAuthorization({ ...options, userId: `user_${i}` }))
for (let round = 0; round < 2; round++) for (let i = 0; i < live.length; i++) if (live[i](params[i % 5])) yes++
const afterLive = await snapshot()
console.log(
  `  100,000 live checkers, each asked twice ${mb(afterLive.wasm).padStart(9)}   ${mb(afterLive.heap).padStart(9)}`,
)
// js/core/has.js's MAX_ARENA, twice: the allocator (src/allocator.rs) places a block on a boundary
// of its own size, and may grow memory by that much again to reach one.
const ARENA_BOUND = 2 * 4 * 1024 * 1024
const liveGrowth = afterLive.wasm - afterCheckers.wasm
console.log(
  `  wasm growth with every checker alive: ${mb(liveGrowth)}; bound ${mb(ARENA_BOUND)}: ${liveGrowth <= ARENA_BOUND ? 'within' : 'EXCEEDED'}`,
)
live.length = 0

const wasmGrowth = afterCheckers.wasm - start.wasm
const heapGrowth = afterCheckers.heap - start.heap
const BOUND = 4 * 1024 * 1024
console.log(
  `  growth: wasm ${mb(wasmGrowth)}, heap ${mb(heapGrowth)}; bound ${mb(BOUND)} each: ${wasmGrowth <= BOUND && heapGrowth <= BOUND ? 'within' : 'EXCEEDED'} (${yes} true answers)`,
)
