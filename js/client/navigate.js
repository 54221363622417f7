// Where the client may send the browser. Only http(s) URLs: a `javascript:` or `data:` URL would
// run script on the page, and a scheme-relative one (`//host`, `\\host`, however the URL parser's
// ignored characters hide it) takes the page's scheme and leaves the site. The rules of clerk-js's
// windowNavigate (@clerk/shared, internal/clerk-js/windowNavigate.ts).
import { AuthError } from '../core/errors.js'

// What the URL parser drops before parsing: leading C0 controls and spaces, tabs and newlines.
const IGNORED = /^[\u0000-\u0020]+|[\t\n\r]/g
const SCHEME_RELATIVE = /^[/\\][/\\]/

/**
 * `to` resolved against the page, or an AuthError `code` when the browser must not go there
 * (`what` names it in the message).
 */
export function navigable(to, code, what) {
  const refuse = (why) => new AuthError(code, `${what} ${why}: ${String(to).slice(0, 200)}`)
  if (typeof to !== 'string' && !(to instanceof URL)) throw refuse('is not a URL')
  if (typeof to === 'string' && SCHEME_RELATIVE.test(to.replace(IGNORED, ''))) throw refuse('is scheme-relative')
  let url
  try {
    url = new URL(to, globalThis.location?.href)
  } catch {
    throw refuse('is not a URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('is not an http(s) URL')
  return url
}

/** Sends the browser to `url` (already checked); nothing outside a browser. */
export const go = (url) => globalThis.location?.assign(url.href)
