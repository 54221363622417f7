// GET /v1/client/handshake (the spec's handshakeClient): an app's server that cannot tell from
// its cookies whether the user is signed in sends the browser here; the answer is a redirect back
// to `redirect_url` carrying a handshake token, a JWT signed with the instance key whose
// `handshake` claim lists the Set-Cookie directives the app's server then sends (fresh
// `__session`, `__client_uat`, and the dev browser on a development instance). How the SDK side
// reads it: packages/backend/src/tokens/handshake.ts (HandshakeService, verifyHandshakeToken) and
// request.ts (authenticateRequestWithTokenInCookie).
//
// - The client is named as on every Frontend API route: the dev browser token in the query
//   (development; a browser without a known one gets a new dev browser, signed out), the
//   `__client` cookie (production).
// - Development: the token comes back in the URL (`?__clerk_handshake=`); production: in a
//   `__clerk_handshake` cookie on the app's site (this server shares the app's host name, as a
//   Frontend API on clerk.<app domain> shares its site), whose removal is among the directives.
// - `format=token` is the only answer: a `format=nonce` request gets it too, as Clerk's Frontend
//   API answers one whose payload is small (the nonce needs the Backend API, which this server
//   has not; packages/backend/CHANGELOG.md, "Optimize handshake payload delivery with
//   nonce-based fetching").
// - `suffixed_cookies=true` adds each cookie under its suffixed name (`__session_<suffix>`) too.
// - `organization_id` (an id or slug; empty for the personal account) becomes the session's
//   active organization when the user is a member of it; otherwise nothing changes (the spec).
// - `redirect_url` must be an origin this server lets call it (the CORS policy): the answer puts
//   a session token in that URL.
import { HttpError, YEAR_SECONDS } from './http.mjs'
import { mintSessionToken } from './session-token.mjs'
import { signJwt } from './tokens.mjs'

export const handshakeRoutes = [
  { method: 'GET', path: /^\/v1\/client\/handshake$/, kind: 'handshake', handle: handshake },
]

const HANDSHAKE = '__clerk_handshake'
const DEV_BROWSER = '__clerk_db_jwt'
const FORMATS = new Set(['token', 'nonce'])
/** How long a handshake token may be redeemed (its `exp`), and its cookie kept. */
const HANDSHAKE_LIFETIME_SECONDS = 60
/** The cookie size browsers are sure to keep (RFC 6265 §6.1; Chrome's limit for name and value). */
const MAX_COOKIE_BYTES = 4096

function handshake(ctx, rq) {
  const query = rq.url.searchParams
  const back = redirectUrlOf(ctx, query.get('redirect_url'))
  const format = query.get('format') ?? 'token'
  if (!FORMATS.has(format)) {
    throw new HttpError(400, 'form_param_format_invalid', 'format must be token or nonce.')
  }
  if (ctx.instance === 'development' && !ctx.store.hasDevBrowser(rq.identity.devBrowser)) {
    rq.identity = { devBrowser: ctx.store.createDevBrowser() }
    rq.client = null
  }
  const session = activeSession(ctx, rq.client)
  if (session && query.has('organization_id')) switchOrganization(ctx, rq.client, session, query.get('organization_id'))

  // The token's azp is the app's origin: the handshake is a navigation, it has no Origin header.
  const view = Object.assign(Object.create(ctx), { origin: back.origin })
  const secure = back.protocol === 'https:' ? '; Secure' : ''
  const directives = cookieDirectives(view, rq, session, query.get('suffixed_cookies') === 'true', secure)
  const iat = Math.floor(ctx.now() / 1000)
  const token = signJwt(ctx.key, { iat, exp: iat + HANDSHAKE_LIFETIME_SECONDS, handshake: directives })

  const headers = { 'cache-control': 'no-store' }
  const cookie = `${HANDSHAKE}=${token}; Path=/; Max-Age=${HANDSHAKE_LIFETIME_SECONDS}; HttpOnly; SameSite=Lax${secure}`
  // A cookie too large for a browser to keep would be dropped silently: then the URL carries it,
  // which wasm-auth/server and @clerk/backend read as well.
  if (ctx.instance === 'production' && Buffer.byteLength(cookie) <= MAX_COOKIE_BYTES) headers['set-cookie'] = cookie
  else back.searchParams.set(HANDSHAKE, token)
  headers.location = back.href
  return { status: 307, body: null, headers }
}

/** `redirect_url` as a URL, or a 400 when it is missing, not http(s), or of an origin not allowed. */
function redirectUrlOf(ctx, value) {
  if (!value) throw new HttpError(400, 'form_param_missing', 'redirect_url is missing.')
  let url = null
  try {
    url = new URL(value)
  } catch {}
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new HttpError(400, 'form_param_format_invalid', 'redirect_url must be an http(s) URL.')
  }
  if (!ctx.isAllowedOrigin(url.origin)) {
    throw new HttpError(
      400,
      'form_param_value_invalid',
      'redirect_url is not an allowed origin.',
      `${url.origin} is not an origin of this instance's applications; the handshake would hand it a session token.`,
    )
  }
  return url
}

// The client's active session while it is live (active, or pending a task), else null.
function activeSession(ctx, client) {
  if (!client?.lastActiveSessionId) return null
  return ctx.store.findSession(client, client.lastActiveSessionId).session ?? null
}

function switchOrganization(ctx, client, session, idOrSlug) {
  const user = ctx.index.users.get(session.userId)
  let orgId = null
  if (idOrSlug) {
    const org =
      ctx.index.organizations.get(idOrSlug) ?? [...ctx.index.organizations.values()].find((o) => o.slug === idOrSlug)
    if (!org || !user.memberships?.some((m) => m.organization === org.id)) return
    orgId = org.id
  }
  if (orgId !== session.lastActiveOrganizationId) ctx.store.touch(client, session, orgId, ctx.now())
}

/**
 * The Set-Cookie directives for the app's site, with the attributes the browser SDK gives them
 * (clerk-js: core/auth/cookies/session.ts, clientUat.ts, devBrowser.ts): the session token
 * (removed when signed out), `__client_uat` (the client's updated_at in seconds, 0 signed out),
 * the dev browser token, each under the suffixed name too when asked; on a production instance,
 * the removal of the handshake cookie itself, so a later request does not redeem it again.
 */
function cookieDirectives(ctx, rq, session, suffixed, secure) {
  const names = (name) => (suffixed ? [name, `${name}_${ctx.cookieSuffix}`] : [name])
  const year = `; Path=/; Max-Age=${YEAR_SECONDS}`
  // A pending session has tokens too (sts: pending); the app's server decides what it may do.
  const token = session ? mintSessionToken(ctx, session, session.lastActiveOrganizationId) : null
  const uat = session ? Math.floor(rq.client.updatedAt / 1000) : 0
  const directives = []
  for (const name of names('__session')) {
    directives.push(token ? `${name}=${token}${year}; SameSite=Lax${secure}` : `${name}=; Path=/; Max-Age=0`)
  }
  for (const name of names('__client_uat')) directives.push(`${name}=${uat}${year}; SameSite=Lax${secure}`)
  if (ctx.instance === 'development') {
    for (const name of names(DEV_BROWSER)) {
      directives.push(`${name}=${rq.identity.devBrowser}${year}; SameSite=Lax${secure}`)
    }
  } else {
    directives.push(`${HANDSHAKE}=; Path=/; Max-Age=0`)
  }
  return directives
}
