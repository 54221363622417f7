// has(): ours (the check runs in wasm) against @clerk/shared's createCheckAuthorization, on the
// same options and a realistic mix of params, hits and misses across every dimension.
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
