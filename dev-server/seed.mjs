// Loads seed.json and checks it once at start, so a typo in the seed fails loudly here instead of
// surfacing as an odd claim in some token later.
import { readFileSync } from 'node:fs'

const PERMISSION = /^org:([^:,\s]+):([^:,\s]+)$/
const NAME = /^[^:,\s]+$/

export function loadSeed(url = new URL('./seed.json', import.meta.url)) {
  return indexSeed(JSON.parse(readFileSync(url, 'utf8')))
}

export function indexSeed(seed) {
  const organizations = new Map()
  for (const org of seed.organizations ?? []) {
    for (const name of [...(org.features ?? []), ...(org.plan ? [org.plan] : [])]) {
      check(NAME.test(name), `organization ${org.id}: feature or plan "${name}" must have no colon, comma or space`)
    }
    for (const [role, permissions] of Object.entries(org.roles ?? {})) {
      check(role.startsWith('org:'), `organization ${org.id}: role "${role}" must start with org:`)
      for (const p of permissions)
        check(PERMISSION.test(p), `organization ${org.id}: permission "${p}" is not org:<feature>:<permission>`)
    }
    organizations.set(org.id, org)
  }

  const users = new Map()
  for (const user of seed.users ?? []) {
    for (const m of user.memberships ?? []) {
      const org = organizations.get(m.organization)
      check(org, `user ${user.id}: unknown organization ${m.organization}`)
      check(org.roles?.[m.role], `user ${user.id}: organization ${m.organization} has no role ${m.role}`)
    }
    for (const name of [...(user.features ?? []), ...(user.plan ? [user.plan] : [])]) {
      check(NAME.test(name), `user ${user.id}: feature or plan "${name}" must have no colon, comma or space`)
    }
    const session = user.session ?? {}
    check(
      ['active', 'pending'].includes(session.status ?? 'active'),
      `user ${user.id}: session status must be active or pending`,
    )
    const activeOrg = session.active_organization ?? null
    check(
      activeOrg === null || user.memberships?.some((m) => m.organization === activeOrg),
      `user ${user.id}: active organization ${activeOrg} is not one of the user's memberships`,
    )
    check(
      Array.isArray(user.fva) && user.fva.length === 2 && user.fva.every(Number.isInteger),
      `user ${user.id}: fva must be two integers`,
    )
    users.set(user.id, user)
  }

  const templates = new Map(Object.entries(seed.templates ?? {}))
  return { seed, users, organizations, templates }
}

// The user's membership of orgId with the role's permissions, or null when not a member.
export function membershipOf({ organizations }, user, orgId) {
  const m = user.memberships?.find((x) => x.organization === orgId)
  if (!m) return null
  const org = organizations.get(orgId)
  return { org, role: m.role, permissions: org.roles[m.role] }
}

// The user as the Frontend API shows it (Session.user).
export function publicUser(index, user) {
  return {
    id: user.id,
    first_name: user.first_name ?? null,
    last_name: user.last_name ?? null,
    primary_email_address: user.primary_email_address ?? null,
    ...(user.image_url ? { image_url: user.image_url } : {}),
    organization_memberships: (user.memberships ?? []).map((m) => {
      const org = index.organizations.get(m.organization)
      return { organization: { id: org.id, slug: org.slug ?? null, name: org.name }, role: m.role }
    }),
  }
}

function check(ok, message) {
  if (!ok) throw new Error(`dev-server seed: ${message}`)
}
