// How the proxy's verdict reaches the rest of a request. @clerk/nextjs's clerkMiddleware passes its
// request state to server components as request headers (server/utils.ts, decorateRequest) and
// signs the token with the secret key, which this package does not have. Here the proxy signs the
// verdict with an HMAC key made once per process (never leaving it, not extractable): auth() and
// <AuthProvider dynamic> that find the signature valid take the verdict as it is, without
// verifying the token again. A verdict they cannot check (the proxy ran in another process, such
// as an edge runtime, or a client wrote the header itself) is ignored and the request is
// authenticated anew from its cookies, with the keys of the configuration: a forged header can
// never sign anyone in.
import { authObjectFromClaims, decodeJwt } from 'wasm-auth'
import { AuthError, authenticateRequest } from 'wasm-auth/server'
// The same module as wasm-auth's own (the package is flat: both are its core.js); the import above
// is what loads the wasm for this runtime.
import { checkAuthorizationFor, emptyAuthObject } from '../core/core.js'
import { nameSources, resolveConfig } from './nextjs-env.js'

export const VERDICT = 'x-wasm-auth-verdict'
export const SIGNATURE = 'x-wasm-auth-signature'

// One key per process, on globalThis because the proxy and the pages are separate bundles, each
// with its own copy of this module.
const KEY = Symbol.for('wasm-auth/nextjs verdict key')
const key = () =>
  (globalThis[KEY] ??= crypto.subtle.importKey(
    'raw',
    crypto.getRandomValues(new Uint8Array(32)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  ))

const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
const fromBase64url = (text) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))

/**
 * The request headers that carry `verdict`: `{ status, reason, token, sessionStatus, url,
 * devBrowser, options }` (options: the client's props and the sign-in/up pages, no key material).
 */
export async function signVerdict(verdict) {
  const text = base64url(new TextEncoder().encode(JSON.stringify(verdict)))
  const signature = await crypto.subtle.sign('HMAC', await key(), new TextEncoder().encode(text))
  return { [VERDICT]: text, [SIGNATURE]: base64url(signature) }
}

/** The verdict in `headers` if this process signed it; null if absent, undefined if it does not check. */
export async function readVerdict(headers) {
  const text = headers.get(VERDICT)
  if (text === null) return null
  try {
    const signature = fromBase64url(headers.get(SIGNATURE) ?? '')
    const valid = await crypto.subtle.verify('HMAC', await key(), signature, new TextEncoder().encode(text))
    return valid ? JSON.parse(new TextDecoder().decode(fromBase64url(text))) : undefined
  } catch {
    return undefined
  }
}

// Clerk's server getToken() answers with the request's own token; templates need the Backend API.
const tokenGetter = (token) => async (options) => {
  if (options?.template || options?.expiresInSeconds !== undefined) {
    throw new AuthError(
      'options-invalid',
      'getToken() on the server returns the request token; templates need the Backend API.',
    )
  }
  return token
}

/** Clerk's session auth object (`tokenType: 'session_token'`) from a verified token, or signed out. */
export function authObjectOf(token, sessionStatus = null) {
  if (!token) {
    const auth = { ...emptyAuthObject(null), sessionStatus, isAuthenticated: false, tokenType: 'session_token' }
    return Object.assign(auth, { has: () => false, getToken: tokenGetter(null) })
  }
  const { payload } = decodeJwt(token)
  const fields = authObjectFromClaims(payload)
  // has() as authenticateRequest's: compiled on its first call, v2 permissions checked from the
  // claims in place rather than from their expanded text.
  const has = checkAuthorizationFor(fields)
  return { ...fields, isAuthenticated: true, tokenType: 'session_token', has, getToken: tokenGetter(token) }
}

/**
 * The verdict for this request's `headers` (from next/headers): the proxy's when it checks, else
 * the request authenticated again from its cookies with the configuration (a handshake it would
 * ask for counts as signed out: a page cannot redirect from here). Throws `proxy-missing`'s
 * message as an AuthError when `requireProxy` and no proxy ran.
 */
export async function verdictFor(headers, { requireProxy, caller }) {
  const verdict = await readVerdict(headers)
  if (verdict) return verdict
  if (verdict === null && requireProxy) {
    throw new AuthError(
      'options-invalid',
      `${caller} needs authMiddleware() in front of this route: add \`export default authMiddleware()\` ` +
        'to proxy.ts (middleware.ts on the edge runtime) from wasm-auth/nextjs/server, with a matcher ' +
        "that covers this route (Clerk's is `/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)` and `/(api|trpc)(.*)`).",
    )
  }
  const config = resolveConfig()
  let state
  try {
    state = await authenticateRequest({ headers }, config.options)
  } catch (error) {
    throw nameSources(error, config.from)
  }
  const token = state.isAuthenticated ? await state.getToken() : null
  return { status: state.status, reason: state.reason, token, sessionStatus: state.sessionStatus, options: null }
}
