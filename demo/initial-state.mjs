// What the page's server knows about the visitor, for <AuthProvider initialState>: the claims of
// the __session cookie the client writes. For now they are decoded, not verified; a later change
// swaps in authenticateRequest from wasm-auth/server, which checks the signature too.
import { authObjectFromClaims, decodeJwt } from 'wasm-auth'

export const SIGNED_OUT = Object.freeze({ sessionId: null, userId: null })

/**
 * SIGNED_OUT without a cookie; the auth object of a live token from our auth server; otherwise
 * null (not loaded: the browser's client finds out), for a token that expired, that another
 * demo run's auth server issued (cookies ignore ports), or that does not decode.
 */
export function initialStateFrom(cookieHeader, { issuer, now = Date.now() }) {
  const token = readCookie(cookieHeader ?? '', '__session')
  if (!token) return SIGNED_OUT
  try {
    const { payload } = decodeJwt(token)
    if (payload.iss !== issuer || !(payload.exp * 1000 > now)) return null
    return authObjectFromClaims(payload)
  } catch {
    return null
  }
}

function readCookie(header, name) {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}
