// Session and template tokens as Clerk issues them (session token claims v2), signed RS256 with a key
// made at start. Keys live only in memory: a restart invalidates every token, as a key rotation would.
import { createHash, generateKeyPair, randomBytes, sign } from 'node:crypto'
import { promisify } from 'node:util'

export async function createSigningKey() {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })
  const { kty, n, e } = publicKey.export({ format: 'jwk' })
  // RFC 7638 thumbprint: stable for the key, and verifiers can recompute it.
  const kid = createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url')
  return {
    kid,
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
    jwks: { keys: [{ kty, n, e, kid, alg: 'RS256', use: 'sig' }] },
  }
}

export function signJwt(key, payload) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${part({ alg: 'RS256', kid: key.kid, typ: 'JWT' })}.${part(payload)}`
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`
}

// `membership` is the organization the token is for (see seed.mjs membershipOf), or null for personal.
export function sessionTokenClaims({ issuer, origin, now, lifetimeSeconds, session, user, membership }) {
  const iat = Math.floor(now / 1000)
  const claims = {
    v: 2,
    iss: issuer,
    sid: session.id,
    sub: user.id,
    ...(origin ? { azp: origin } : {}),
    iat,
    nbf: iat - 10,
    exp: iat + lifetimeSeconds,
    jti: randomBytes(10).toString('hex'),
    fva: session.fva,
    sts: session.status,
  }
  const { fea, orgFeatures } = featureClaim(user, membership)
  if (membership) {
    const { per, fpm } = encodeOrgPermissions(membership.permissions, orgFeatures)
    claims.o = { id: membership.org.id, slg: membership.org.slug, rol: membership.role.replace(/^org:/, ''), per, fpm }
  }
  if (fea) claims.fea = fea
  // The plan of whoever pays in this context: the organization when one is active, else the user.
  const plan = membership ? membership.org.plan && `o:${membership.org.plan}` : user.plan && `u:${user.plan}`
  if (plan) claims.pla = plan
  if (session.actor) claims.act = { ...session.actor }
  return claims
}

// Organization features first (scope `ou` when the user has the same feature), then the user's own.
// Features that role permissions mention but the org's list omits still get a slot, so no
// permission is silently dropped from the token.
function featureClaim(user, membership) {
  const userFeatures = user.features ?? []
  const orgFeatures = []
  if (membership) {
    const mentioned = membership.permissions.map((p) => p.split(':')[1])
    for (const f of [...(membership.org.features ?? []), ...mentioned])
      if (!orgFeatures.includes(f)) orgFeatures.push(f)
  }
  const entries = [
    ...orgFeatures.map((f) => `${userFeatures.includes(f) ? 'ou' : 'o'}:${f}`),
    ...userFeatures.filter((f) => !orgFeatures.includes(f)).map((f) => `u:${f}`),
  ]
  return { fea: entries.join(','), orgFeatures }
}

// `per` lists each permission name once (first-seen order); `fpm` holds one decimal mask per org
// feature, bit i set when that feature grants per[i]. BigInt because 64+ names overflow a double.
export function encodeOrgPermissions(permissions, orgFeatures) {
  const names = []
  const masks = new Map(orgFeatures.map((f) => [f, 0n]))
  for (const permission of permissions) {
    const [, feature, name] = permission.split(':')
    if (!names.includes(name)) names.push(name)
    masks.set(feature, (masks.get(feature) ?? 0n) | (1n << BigInt(names.indexOf(name))))
  }
  return { per: names.join(','), fpm: orgFeatures.map((f) => masks.get(f).toString()).join(',') }
}

// Template tokens: the seed's claims with {{user.<field>}} filled in, then the claims a template
// may not override.
export function templateTokenClaims({ issuer, origin, now, template, session, user }) {
  const iat = Math.floor(now / 1000)
  return {
    ...fill(template.claims ?? {}, user),
    iss: issuer,
    sid: session.id,
    sub: user.id,
    ...(origin ? { azp: origin } : {}),
    iat,
    nbf: iat - 10,
    exp: iat + (template.lifetimeSeconds ?? 60),
    jti: randomBytes(10).toString('hex'),
  }
}

const PLACEHOLDER = /\{\{\s*user\.(\w+)\s*\}\}/g

function fill(value, user) {
  if (typeof value === 'string') {
    // A value that is only a placeholder keeps the field's type (and null when it is missing).
    const whole = /^\{\{\s*user\.(\w+)\s*\}\}$/.exec(value)
    if (whole) return user[whole[1]] ?? null
    return value.replace(PLACEHOLDER, (_, field) => String(user[field] ?? ''))
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, user))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, user)]))
  return value
}
