// Server-side auth for every runtime of the app: server components, route handlers (Node) and
// the middleware (edge). wasm-auth/server fetches and caches the auth server's JWKS itself
// (`frontendApi`: its URL; a token under a key it does not know yet refetches, within a cooldown).
import { authenticateRequest } from 'wasm-auth/server'

/** The auth server (Frontend API). Read per call, so `next start` takes it from its environment. */
export function authUrl() {
  return (process.env.AUTH_URL || process.env.NEXT_PUBLIC_AUTH_URL || 'http://127.0.0.1:4000').replace(/\/$/, '')
}

/**
 * authenticateRequest for this app: `APP_URL`, when set, is the only origin whose tokens are
 * accepted (the token's `azp` is the origin of the page that asked for it). Never throws for a
 * bad token; an auth server that cannot be reached gives `reason: 'jwk-remote-failed-to-load'`.
 */
export function authenticate(request) {
  const appUrl = process.env.APP_URL
  return authenticateRequest(request, {
    frontendApi: authUrl(),
    authorizedParties: appUrl ? [appUrl.replace(/\/$/, '')] : undefined,
  })
}

/**
 * What <AuthProvider initialState> takes: the result minus its functions when it says who the
 * user is (signed in, or no session cookies at all). Otherwise (a token that did not verify, a
 * handshake the middleware answers, an unreachable auth server) no initialState: the first render
 * is not loaded and the browser's client finds out.
 */
export function initialStateOf(auth) {
  if (auth.status === 'signed-in' || auth.reason === 'session-token-and-uat-missing') {
    const { has, getToken, ...state } = auth
    return state
  }
  return undefined
}
