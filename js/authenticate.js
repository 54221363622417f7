// authenticateRequest: the session token from a request (Authorization header first, then the
// __session cookie, as Clerk reads them), verified, as the auth object that useAuth() and
// <AuthProvider initialState> take. Claims and has() come from the core entry, as on the client.
import { authObjectFromClaims, checkAuthorizationFor, emptyAuthObject } from './core.js'
import { AuthError } from './errors.js'
import { verifyToken } from './verify.js'

const SESSION_COOKIE = '__session'

/** Never rejects for a missing or bad token: those give a signed-out object with a `reason`. */
export async function authenticateRequest(request, options = {}) {
  const token = sessionToken(request)
  if (!token) return signedOut('session-token-missing')
  let claims, auth
  try {
    claims = verifyToken(token, options)
  } catch (error) {
    return signedOut(error?.code ?? 'token-verification-failed')
  }
  try {
    auth = authObjectFromClaims(claims)
  } catch {
    return signedOut('token-verification-failed') // signed, but its v2 claims are malformed
  }
  // Clerk's server default: a pending session (a task left to do) is signed out.
  if (auth.sessionStatus === 'pending' && options?.treatPendingAsSignedOut !== false) {
    return { ...signedOut('session-pending'), sessionStatus: 'pending' }
  }
  const has = checkAuthorizationFor(auth)
  return { ...auth, isAuthenticated: true, has, getToken: getToken(auth.sessionId ? token : null) }
}

function signedOut(reason) {
  return {
    ...emptyAuthObject(null),
    isAuthenticated: false,
    reason,
    has: () => false,
    getToken: getToken(null),
  }
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

/** The session token: `Authorization: Bearer <token>` (or a bare token), else the cookie. */
function sessionToken(request) {
  try {
    const headers = request?.headers
    return bearer(header(headers, 'authorization')) || cookie(header(headers, 'cookie'), SESSION_COOKIE)
  } catch {
    return undefined // a throwing getter or Proxy: no token to read
  }
}

// Headers (or anything with get()), or a plain object as Node's IncomingMessage has.
function header(headers, name) {
  if (headers === null || typeof headers !== 'object') return undefined
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== name) continue
    const value = headers[key]
    return Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : value
  }
  return undefined
}

// Clerk's parseAuthorizationHeader: a value without a space is taken as the token itself.
function bearer(value) {
  if (typeof value !== 'string' || !value) return undefined
  const [scheme, token] = value.split(' ', 2)
  if (!token) return scheme
  return scheme === 'Bearer' ? token : undefined
}

// The first cookie of that name, unquoted and percent-decoded, as the `cookie` package parses it.
function cookie(value, name) {
  if (typeof value !== 'string') return undefined
  for (const pair of value.split(';')) {
    const eq = pair.indexOf('=')
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue
    let text = pair.slice(eq + 1).trim()
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1)
    try {
      return text.includes('%') ? decodeURIComponent(text) : text
    } catch {
      return text
    }
  }
  return undefined
}
