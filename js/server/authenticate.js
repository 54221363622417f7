// authenticateRequest: decides as @clerk/backend's authenticateRequest does (its rules in
// packages/backend/src/tokens/request.ts and authenticateContext.ts; the handshake in
// js/server/handshake.js), networkless: keys from `jwtKey`/`jwks` or fetched from the instance's
// JWKS. Where keys come from is the options' alone (js/server/jwks.js, jwksUrlFor): the request's
// Host and forwarded headers make its URL (the handshake's redirect_url, as in Clerk) and nothing
// else. The result is Clerk's request state and the auth object in one: `status` (`signed-in`,
// `signed-out`, `handshake`), `reason`, `headers` (not enumerable, so the rest is plain data for
// <AuthProvider initialState>), the auth object's fields, `has()` and `getToken()`.
//
// Out of scope, as the docs say: satellite domains (`isSatellite` throws; the satellite and
// cross-origin-referrer syncs are not done), organization sync by URL, the `__refresh` cookie and
// the `format=nonce` handshake (both need Clerk's Backend API and a secret key).
import { authObjectFromClaims, checkAuthorizationFor, decodeJwt, emptyAuthObject } from '../core/core.js'
import { AuthError, TokenVerificationError } from '../core/errors.js'
import { keysUrlFor, verifyHandshakeWith, verifyTokenWith, withKeys } from './verify.js'
import { readRequest } from './request.js'
import { completion, isEligible, redirectToHandshake, trackRedirect } from './handshake.js'
import { COOKIES, cookieSuffix } from '../core/instance.js'
import { serverInstanceFrom } from './server-instance.js'

/** Never rejects for a missing or bad token; rejects with an AuthError for options that cannot work. */
export async function authenticateRequest(request, options = {}) {
  options ??= {}
  if (options.isSatellite) {
    throw new AuthError('options-invalid', 'authenticateRequest: satellite domains (isSatellite) are not supported.')
  }
  const ctx = await contextFor(request, options)
  return ctx.tokenInHeader ? fromHeader(ctx) : fromCookies(ctx)
}

// Clerk's authenticateRequestWithTokenInHeader.
async function fromHeader(ctx) {
  const token = ctx.tokenInHeader
  if (isMachineJwt(ctx, token) || hasNonSessionCategory(ctx, token)) return signedOut(ctx, 'token-type-mismatch')
  return verified(ctx, token)
}

// Clerk's authenticateRequestWithTokenInCookie, minus the satellite flows.
async function fromCookies(ctx) {
  const { development, clientUat, sessionTokenInCookie: session } = ctx
  if (ctx.handshakeToken) {
    const completed = await completeHandshake(ctx)
    if (completed) return completed
  }
  if (development && ctx.url?.searchParams.has(COOKIES.devBrowser)) return maybeHandshake(ctx, 'dev-browser-sync')
  if (development && !ctx.devBrowserToken) return maybeHandshake(ctx, 'dev-browser-missing')
  if (!clientUat && !session) return signedOut(ctx, 'session-token-and-uat-missing')
  // `__client_uat` is SameSite=Strict in development, so its absence beside a token is worth a handshake.
  if (!clientUat && session) return maybeHandshake(ctx, 'session-token-but-no-client-uat')
  if (clientUat && !session) return maybeHandshake(ctx, 'client-uat-but-no-session-token')
  const decoded = decode(ctx, session)
  if (!decoded) return signedOut(ctx, 'token-invalid')
  if (isMachineJwt(ctx, session) || hasNonSessionCategory(ctx, session)) return signedOut(ctx, 'token-type-mismatch')
  // The client changed after this token was minted (a sign-in or out in another tab): it is stale.
  if (decoded.payload.iat < clientUat) return maybeHandshake(ctx, 'session-token-iat-before-client-uat')
  return verified(ctx, session)
}

async function verified(ctx, token) {
  let claims
  try {
    claims = await verify(ctx, token)
  } catch (error) {
    return tokenError(ctx, error)
  }
  return signedIn(ctx, claims, token)
}

const verify = (ctx, token, options = ctx.options) => withKeys(options, (keys) => verifyTokenWith(token, keys, options))

// Clerk's handleSessionTokenError: a token that is merely out of date is worth a handshake.
function tokenError(ctx, error) {
  if (!(error instanceof TokenVerificationError)) {
    if (error instanceof AuthError && error.code === 'options-invalid') throw error
    return signedOut(ctx, 'unexpected-error')
  }
  // The `__refresh` cookie is not used (its refresh needs the Backend API): never eligible.
  const refresh = ctx.method !== 'GET' ? 'non-eligible-non-get' : 'non-eligible-no-refresh-cookie'
  const reasons = {
    'token-expired': `session-token-expired-refresh-${refresh}`,
    'token-not-active-yet': 'session-token-nbf',
    'token-iat-in-the-future': 'session-token-iat-in-the-future',
  }
  return reasons[error.reason] ? maybeHandshake(ctx, reasons[error.reason]) : signedOut(ctx, error.reason)
}

// Clerk's handleMaybeHandshakeStatus.
function maybeHandshake(ctx, reason) {
  if (!isEligible(ctx)) return signedOut(ctx, reason)
  const headers = redirectToHandshake(ctx, reason)
  if (!trackRedirect(ctx, headers)) return signedOut(ctx, reason) // a redirect loop
  return result(SIGNED_OUT, 'handshake', reason, withDebug(headers, 'handshake', reason))
}

/**
 * The Frontend API's answer to a handshake: a token whose cookies are set once it verifies. One
 * that does not verify sets nothing: a development instance answers signed out with its reason
 * (Clerk throws there); a production one goes on with the request's cookies, as Clerk does, since
 * a handshake cookie may belong to another app on the same site. Null means go on.
 */
async function completeHandshake(ctx) {
  let directives
  try {
    directives = await withKeys(ctx.options, (keys) => verifyHandshakeWith(ctx.handshakeToken, keys, ctx.options))
  } catch (error) {
    if (error instanceof AuthError && error.code === 'options-invalid') throw error
    return ctx.development ? signedOut(ctx, error?.reason ?? 'unexpected-error') : null
  }
  const { headers, sessionToken } = completion(ctx, directives)
  if (!sessionToken) return signedOut(ctx, 'session-token-missing', headers)
  try {
    return signedIn(ctx, await verify(ctx, sessionToken), sessionToken, headers)
  } catch (error) {
    // A development machine's clock may be off: Clerk retries with a day of skew.
    const clock = ['token-expired', 'token-not-active-yet', 'token-iat-in-the-future'].includes(error?.reason)
    if (!ctx.development || !clock) return null
    try {
      const lenient = { ...ctx.options, clockSkewInMs: 86_400_000 }
      return signedIn(ctx, await verify(ctx, sessionToken, lenient), sessionToken, headers)
    } catch {
      return null
    }
  }
}

async function contextFor(request, options) {
  const instance = serverInstanceFrom(options)
  keysUrlFor(options) // options that name no reachable key source fail here, before any request is read
  const req = readRequest(request)
  const suffix = options.publishableKey ? await cookieSuffix(options.publishableKey) : null
  const plain = (name) => req.cookies.get(name) || undefined
  const suffixed = (name) => (suffix ? plain(`${name}_${suffix}`) : undefined)
  const query = (name) => req.url?.searchParams.get(name) || undefined
  const ctx = { ...req, ...instance, options, decoded: new Map(), tokenInHeader: bearer(req.header('authorization')) }
  ctx.usesSuffixedCookies = usesSuffixedCookies(ctx, plain, suffixed)
  const either = (name) => (ctx.usesSuffixedCookies ? suffixed(name) : plain(name))
  ctx.sessionTokenInCookie = either(COOKIES.session)
  ctx.clientUat = Number.parseInt(either(COOKIES.clientUat) || '') || 0
  ctx.devBrowserToken = query(COOKIES.devBrowser) || either(COOKIES.devBrowser)
  ctx.handshakeToken = query(COOKIES.handshake) || plain(COOKIES.handshake)
  ctx.redirectCount = Number(plain(COOKIES.redirectCount)) || 0
  ctx.sessionToken = ctx.sessionTokenInCookie || ctx.tokenInHeader
  return ctx
}

// Clerk's parseAuthorizationHeader: a value without a space is taken as the token itself.
function bearer(value) {
  if (typeof value !== 'string' || !value) return undefined
  const [scheme, token] = value.split(' ', 2)
  if (!token) return scheme
  return scheme === 'Bearer' ? token : undefined
}

/**
 * Whether the suffixed cookies are this instance's (several Clerk apps may share a site): Clerk's
 * usesSuffixedCookies, rule for rule (authenticateContext.ts).
 */
function usesSuffixedCookies(ctx, plain, suffixed) {
  if (!ctx.keyHost) return false // no publishable key, no suffix: the plain names
  const suffixedClientUat = suffixed(COOKIES.clientUat)
  const clientUat = plain(COOKIES.clientUat)
  const suffixedSession = suffixed(COOKIES.session) || ''
  const session = plain(COOKIES.session) || ''
  if (session && !decode(ctx, session)?.payload.iss) return false
  if (session && !belongsToInstance(ctx, session)) return true
  if (!suffixedClientUat && !suffixedSession) return false
  const sessionIat = decode(ctx, session)?.payload.iat || 0
  const suffixedSessionIat = decode(ctx, suffixedSession)?.payload.iat || 0
  if (suffixedClientUat !== '0' && clientUat !== '0' && sessionIat > suffixedSessionIat) return false
  if (suffixedClientUat === '0' && clientUat !== '0') return false
  if (ctx.development) {
    const jwt = decode(ctx, suffixedSession)
    const expired = !!jwt && jwt.payload.exp <= (Date.now() / 1e3) >> 0
    if (suffixedClientUat !== '0' && clientUat === '0' && expired) return false
  }
  if (!suffixedClientUat && suffixedSession) return false
  return true
}

function belongsToInstance(ctx, token) {
  const iss = decode(ctx, token)?.payload.iss
  return typeof iss === 'string' && iss.replace(/https?:\/\//gi, '') === (ctx.keyHost ?? '')
}

/** The token decoded without verification (memoised per request), or undefined if it cannot be. */
function decode(ctx, token) {
  if (!token) return undefined
  if (!ctx.decoded.has(token)) {
    let jwt
    try {
      jwt = decodeJwt(token)
    } catch {}
    ctx.decoded.set(token, jwt)
  }
  return ctx.decoded.get(token)
}

// Clerk's machine-token tests (packages/backend/src/tokens/machine.ts, jwtCategories.ts): JWTs
// signed by the same keys that are not session tokens.
const JWT_FORMAT = /^[a-zA-Z0-9\-_]+\.[a-zA-Z0-9\-_]+\.[a-zA-Z0-9\-_]+$/
function isMachineJwt(ctx, token) {
  if (!JWT_FORMAT.test(token)) return false
  const jwt = decode(ctx, token)
  if (!jwt) return false
  const { sub } = jwt.payload
  return (
    ['at+jwt', 'application/at+jwt'].includes(jwt.header.typ) || (typeof sub === 'string' && sub.startsWith('mch_'))
  )
}

function hasNonSessionCategory(ctx, token) {
  const cat = decode(ctx, token)?.header.cat
  return cat !== undefined && cat !== 'cl_B7d4PD111AAA' && cat !== 'cl_I7d4PD111III'
}

const SIGNED_OUT = Object.freeze({ ...emptyAuthObject(null), isAuthenticated: false })

function signedIn(ctx, claims, token, headers = new Headers()) {
  let auth
  try {
    auth = authObjectFromClaims(claims)
  } catch {
    return signedOut(ctx, 'token-verification-failed', headers) // signed, but its v2 claims are malformed
  }
  // Clerk's server default: a pending session (a task left to do) is signed out, its status kept.
  if (auth.sessionStatus === 'pending' && ctx.options.treatPendingAsSignedOut !== false) {
    return result({ ...SIGNED_OUT, sessionStatus: 'pending' }, 'signed-in', null, headers)
  }
  const fields = { ...auth, isAuthenticated: true }
  return result(fields, 'signed-in', null, headers, checkAuthorizationFor(auth), auth.sessionId ? token : null)
}

function signedOut(ctx, reason, headers = new Headers()) {
  return result(SIGNED_OUT, 'signed-out', reason, withDebug(headers, 'signed-out', reason))
}

// Clerk's withDebugHeaders, for states other than signed in.
function withDebug(headers, status, reason) {
  headers.set('x-clerk-auth-reason', reason)
  headers.set('x-clerk-auth-status', status)
  return headers
}

function result(fields, status, reason, headers, has = () => false, token = null) {
  const state = { ...fields, status, reason, has, getToken: getToken(token) }
  return Object.defineProperty(state, 'headers', { value: headers, enumerable: false })
}

// Clerk's getToken() gives the request's own token (null without a session id); templates and
// custom lifetimes need the Backend API, which this networkless library does not call.
function getToken(token) {
  return async (options) => {
    if (options?.template || options?.expiresInSeconds !== undefined) {
      throw new AuthError(
        'options-invalid',
        'getToken() on the server returns the request token; templates need the Backend API.',
      )
    }
    return token
  }
}
