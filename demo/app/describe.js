// Words for an auth state: which of useAuth()'s four documented shapes it is, and a one-line summary.
export function shapeOf(auth) {
  if (!auth.isLoaded) return 'not loaded'
  if (!auth.isSignedIn) return 'signed out'
  return auth.orgId ? 'signed in, with an organization' : 'signed in, no organization'
}

export function summaryOf(auth) {
  if (!auth.isLoaded) return 'loading…'
  if (!auth.isSignedIn) return 'signed out'
  const where = auth.orgId ? `${auth.orgSlug ?? auth.orgId} as ${auth.orgRole}` : 'personal account'
  const actor = auth.actor ? `, impersonated by ${auth.actor.sub}` : ''
  return `${auth.userId} · ${where}${actor}`
}

export const initials = (user) => `${user.first_name?.[0] ?? ''}${user.last_name?.[0] ?? ''}` || user.id.slice(5, 7)

/** A stable colour per user id, for the avatar. */
export function hueOf(id) {
  let hash = 0
  for (const ch of id) hash = (hash * 31 + ch.codePointAt(0)) % 360
  return hash
}
