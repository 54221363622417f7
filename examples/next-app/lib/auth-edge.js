// Server-side auth for every runtime of the app: server components, route handlers (Node) and
// the middleware (edge). Only fetch and wasm-auth/server: nothing Node-specific.
import { authenticateRequest } from 'wasm-auth/server'

/** The auth server (Frontend API). Read per call, so `next start` takes it from its environment. */
export function authUrl() {
  return (process.env.AUTH_URL || process.env.NEXT_PUBLIC_AUTH_URL || 'http://127.0.0.1:4000').replace(/\/$/, '')
}

// The auth server's JWKS, fetched at request time and kept. The dev auth server makes a new key
// each start, so a token signed by a key we do not know refetches (at most every 10 s).
const JWKS_TTL_MS = 10 * 60 * 1000
const REFETCH_AFTER_MS = 10 * 1000
let jwksCache = null // { url, jwks, fetchedAt, pending }

async function jwks({ refresh = false } = {}) {
  const url = `${authUrl()}/.well-known/jwks.json`
  const now = Date.now()
  const fresh = jwksCache?.url === url && now - jwksCache.fetchedAt < (refresh ? REFETCH_AFTER_MS : JWKS_TTL_MS)
  if (fresh) return jwksCache.pending ?? jwksCache.jwks
  const pending = fetch(url, { cache: 'no-store' }).then(async (response) => {
    if (!response.ok) throw new Error(`JWKS ${url}: HTTP ${response.status}`)
    return response.json()
  })
  // One object per fetch: wasm-auth keeps the parsed keys per JWKS object.
  jwksCache = { url, jwks: jwksCache?.jwks, fetchedAt: now, pending }
  try {
    const set = await pending
    if (jwksCache.pending === pending) jwksCache = { url, jwks: set, fetchedAt: now, pending: null }
    return set
  } catch (error) {
    if (jwksCache.pending === pending) jwksCache = null
    throw error
  }
}

/**
 * authenticateRequest with the auth server's JWKS. `APP_URL`, when set, is the only origin whose
 * tokens are accepted (the token's `azp` is the origin of the page that asked for it). Returns
 * null when the JWKS cannot be had (auth server down): the caller decides what that means.
 */
export async function authenticate(request) {
  const appUrl = process.env.APP_URL
  const options = (set) => ({ jwks: set, authorizedParties: appUrl ? [appUrl.replace(/\/$/, '')] : undefined })
  try {
    let auth = await authenticateRequest(request, options(await jwks()))
    if (auth.reason === 'jwk-kid-mismatch' || auth.reason === 'jwk-local-missing') {
      auth = await authenticateRequest(request, options(await jwks({ refresh: true })))
    }
    return auth
  } catch {
    return null
  }
}

/**
 * What <AuthProvider initialState> takes: the auth object minus its functions when the token
 * verified, `{ sessionId: null, userId: null }` when there is no token. A token that is there but
 * does not verify (expired: the browser had not refreshed it yet) says nothing about the session:
 * then no initialState, the first render is not loaded and the browser's client finds out.
 */
export function initialStateOf(auth) {
  if (!auth) return undefined
  if (auth.isAuthenticated || auth.reason === 'session-token-missing' || auth.reason === 'session-pending') {
    const { has, getToken, ...state } = auth
    return state
  }
  return undefined
}
