// The has() workload shared by the Node benchmark (has.bench.mjs) and the browser one
// (client-browser.bench.mjs): one checker's options and a mix of params, hits and misses across
// every dimension.
export const options = {
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

export const params = [
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
