// Memory across the JS/wasm boundary: wasm linear memory and the JS heap after 1,000,000 has()
// calls and 100,000 checker creations. Checkers free their wasm side when collected, so after a
// GC both must be back within a small bound of where they started.
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
const wasmGrowth = afterCheckers.wasm - start.wasm
const heapGrowth = afterCheckers.heap - start.heap
const BOUND = 4 * 1024 * 1024
console.log(
  `  growth: wasm ${mb(wasmGrowth)}, heap ${mb(heapGrowth)}; bound ${mb(BOUND)} each: ${wasmGrowth <= BOUND && heapGrowth <= BOUND ? 'within' : 'EXCEEDED'} (${yes} true answers)`,
)
