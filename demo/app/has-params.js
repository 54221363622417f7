// Builds has() params from the form, and suggestions for its inputs from the current state.

export const PRESETS = ['strict_mfa', 'strict', 'moderate', 'lax']
export const LEVELS = ['first_factor', 'second_factor', 'multi_factor']

export const EMPTY_FORM = {
  role: '',
  permission: '',
  feature: '',
  plan: '',
  reverification: '',
  level: 'second_factor',
  afterMinutes: '10',
}

/** Quick checks shown with their live answer; clicking one loads it into the form. */
export const EXAMPLES = [
  { role: 'org:admin' },
  { permission: 'org:invoices:manage' },
  { feature: 'reports' },
  { feature: 'user:beta' },
  { plan: 'free_user' },
  { plan: 'org:pro' },
  { reverification: 'strict' },
  { role: 'org:admin', reverification: 'strict_mfa' },
]

/** The params object for has(): only what the form asks. */
export function paramsFrom(form) {
  const params = {}
  for (const key of ['role', 'permission', 'feature', 'plan']) {
    const text = form[key].trim()
    if (text) params[key] = text
  }
  if (PRESETS.includes(form.reverification)) params.reverification = form.reverification
  if (form.reverification === 'custom')
    params.reverification = { level: form.level, afterMinutes: Number(form.afterMinutes) }
  return params
}

/** The form that asks `params` (the inverse of paramsFrom). */
export function formFrom(params) {
  const form = {
    ...EMPTY_FORM,
    ...Object.fromEntries(['role', 'permission', 'feature', 'plan'].map((k) => [k, params[k] ?? ''])),
  }
  const r = params.reverification
  if (typeof r === 'string') form.reverification = r
  else if (r) Object.assign(form, { reverification: 'custom', level: r.level, afterMinutes: String(r.afterMinutes) })
  return form
}

/** `has({ role: 'org:admin' })` as source text. */
export function callText(params) {
  const entries = Object.entries(params)
  if (entries.length === 0) return 'has({})'
  return `has({ ${entries.map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} })`
}

function literal(v) {
  if (typeof v === 'string') return `'${v}'`
  if (v && typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${literal(x)}`)
      .join(', ')} }`
  return String(v)
}

/**
 * Values worth typing, from what the session carries: roles of the user's memberships, the active
 * organization's permissions, and the fea / pla claims (scope written the way has() takes it).
 */
export function suggestionsFor({ memberships, orgPermissions, claims }) {
  return {
    role: [...new Set(memberships.map((m) => m.role))],
    permission: orgPermissions ?? [],
    feature: scoped(claims?.fea),
    plan: scoped(claims?.pla),
  }
}

const SCOPE_WORDS = { o: ['org'], u: ['user'], ou: ['org', 'user'], uo: ['org', 'user'] }

function scoped(claim) {
  if (typeof claim !== 'string' || !claim) return []
  const out = new Set()
  for (const entry of claim.split(',')) {
    const [scope, name] = entry.split(':')
    if (!name) continue
    out.add(name)
    for (const word of SCOPE_WORDS[scope] ?? []) out.add(`${word}:${name}`)
  }
  return [...out]
}
