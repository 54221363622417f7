// The app-domain cookies clerk-js writes, with its names, values and attributes, so that Clerk's
// server SDKs (and wasm-auth/server) read a wasm-auth browser as they read a clerk-js one
// (clerk-js: core/auth/cookies/session.ts, clientUat.ts, devBrowser.ts, activeContext.ts,
// core/auth/getCookieDomain.ts, getSecureAttribute.ts). Every cookie but `clerk_active_context` is
// written under its plain name and its suffixed one (`__session_<suffix>`, the suffix derived from
// the publishable key).
import { COOKIES, cookieSuffix } from '../core/instance.js'

const YEAR_MS = 365 * 24 * 3600 * 1000

/**
 * `{ session(token | null, clientUat, state), devBrowser: { get(cookieOnly?), set(token) } }` for
 * this document; without a document (Node, workers) nothing is written. `__client_uat` is written
 * on development instances only: a production Frontend API sets it itself (AuthCookieService.ts).
 * `clerk_active_context` says which session and organization the tab that wrote the session
 * cookie last was in (`<session id>:<organization id>`), as clerk-js keeps it for its tabs.
 */
export function createCookies({ development, publishableKey }, enabled) {
  const doc = enabled ? globalThis.document : undefined
  let suffix = null
  const suffixed = (name) => (suffix ? [name, `${name}_${suffix}`] : [name])
  const ready = publishableKey && doc ? cookieSuffix(publishableKey).then((s) => (suffix = s)) : Promise.resolve()
  const secure = () => globalThis.location?.protocol === 'https:'
  const write = (name, value, attributes) => {
    for (const n of suffixed(name)) doc.cookie = `${n}=${value}; path=/${attributes}${secure() ? '; secure' : ''}`
  }
  const expires = (remove) => `; expires=${new Date(Date.now() + (remove ? -86_400_000 : YEAR_MS)).toUTCString()}`
  const read = (name) => {
    const pairs = (doc?.cookie ?? '').split('; ')
    for (const n of suffixed(name).reverse()) {
      const pair = pairs.find((p) => p.startsWith(`${n}=`))
      if (pair) return decodeURIComponent(pair.slice(n.length + 1))
    }
    return null
  }
  let devBrowserToken = null
  return {
    ready,
    session(token, clientUat, { sessionId, orgId }) {
      if (!doc) return
      write(COOKIES.session, token ?? '', `${expires(!token)}; samesite=lax`)
      const context = `${sessionId ?? ''}:${orgId ?? ''}`
      const attributes = context === ':' ? expires(true) : ''
      doc.cookie = `${COOKIES.activeContext}=${context}; path=/${attributes}${globalThis.isSecureContext ? '; secure' : ''}`
      if (development) {
        // A host-only __client_uat of an older writer goes first, then the eTLD+1 one is written.
        write(COOKIES.clientUat, '', expires(true))
        write(COOKIES.clientUat, String(clientUat), `${expires(false)}; domain=${cookieDomain(doc)}; samesite=strict`)
      }
    },
    devBrowser: {
      get: () => (devBrowserToken ??= read(COOKIES.devBrowser)),
      set(token) {
        devBrowserToken = token
        if (doc) write(COOKIES.devBrowser, encodeURIComponent(token), `${expires(false)}; samesite=lax`)
      },
    },
  }
}

let etldPlusOne = null
/** The eTLD+1 of this page, probed the way clerk-js does (getCookieDomain.ts). */
function cookieDomain(doc) {
  const host = globalThis.location?.hostname ?? ''
  if (etldPlusOne) return etldPlusOne
  if (['localhost', '127.0.0.1', '0.0.0.0'].includes(host) || !host.includes('.')) return host
  const parts = host.split('.')
  for (let i = parts.length - 2; i >= 0; i--) {
    const domain = parts.slice(i).join('.')
    doc.cookie = `__clerk_test_etld=1; path=/; domain=${domain}`
    const stuck = doc.cookie.split('; ').includes('__clerk_test_etld=1')
    doc.cookie = `__clerk_test_etld=; path=/; domain=${domain}; expires=Thu, 01 Jan 1970 00:00:00 GMT`
    if (stuck) return (etldPlusOne = domain)
  }
  return (etldPlusOne = host)
}
