// has(): ours (the check runs in wasm) against @clerk/shared's createCheckAuthorization, on the
// same options and a realistic mix of params, hits and misses across every dimension. First with
// one checker, then as a server uses it: one checker per request, many requests in flight, each
// call going to the next checker (the sweep's 1, 64, 1,000 and 10,000 live checkers: 1, a cache
// bound, and 100x a cache bound).
import { createCheckAuthorization as clerk } from '@clerk/shared/authorization'
import { createCheckAuthorization } from 'wasm-auth'
import { compare } from './harness.mjs'

const options = {
  userId: 'user_2NNEqL2nrIRdJ194ndJqAHwEfxC',
  orgId: 'org_2Q6MwGK0ceOUcwo0VtaSjZ2TKOW',
  orgRole: 'org:admin',
  orgPermissions: [
    'org:sys_memberships:read',
    'org:sys_memberships:manage',
    'org:sys_domains:read',
    'org:sys_domains:manage',
    'org:sys_profile:manage',
    'org:sys_profile:delete',
    'org:invoices:read',
    'org:invoices:create',
    'org:invoices:manage',
    'org:reports:read',
    'org:reports:export',
    'org:sso:manage',
  ],
  factorVerificationAge: [3, 7],
  features: 'o:sys_memberships,o:sys_domains,o:invoices,o:reports,ou:sso,u:beta,u:dark_mode',
  plans: 'o:pro',
}

const params = [
  { role: 'org:admin' },
  { role: 'org:member' },
  { role: 'admin' },
  { permission: 'org:invoices:manage' },
  { permission: 'org:billing:manage' },
  { permission: 'reports:export' },
  { feature: 'reports' },
  { feature: 'user:beta' },
  { feature: 'org:analytics' },
  { plan: 'pro' },
  { plan: 'user:free_user' },
  { reverification: 'strict' },
  { reverification: 'moderate' },
  { reverification: { level: 'first_factor', afterMinutes: 5 } },
  { role: 'org:admin', permission: 'org:invoices:read' },
  { feature: 'o:invoices', plan: 'org:pro' },
]

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
