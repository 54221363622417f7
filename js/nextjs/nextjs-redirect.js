// Where the server sends a signed-out visitor: the app's own sign-in or sign-up page when the
// configuration names one, else the instance's Account Portal, whose host the publishable key
// names (Clerk's createRedirect, packages/backend/src/createRedirect.ts, and buildAccountsBaseUrl,
// packages/shared/src/buildAccountsBaseUrl.ts). Never a host the request names: a configured path
// stays a path, and the request's URL only goes into `redirect_url`, which the Account Portal
// checks against the instance's allowed origins before it sends the browser back there.
import { parsePublishableKey } from '../core/instance.js'

/** The Account Portal's origin for a Frontend API host: `clerk.example.com` -> `https://accounts.example.com`. */
function accountsBaseUrl(frontendApiHost) {
  const host = frontendApiHost
    .replace(/clerk\.accountsstage\./, 'accountsstage.')
    .replace(/clerk\.accounts\.|clerk\./, 'accounts.')
  return `https://${host}`
}

/**
 * The sign-in (`kind` 'sign-in') or sign-up page as a Location: a path when the configured page is
 * one, else an absolute URL. `returnBackUrl` (the request's URL) becomes `redirect_url`; on a
 * development instance an Account Portal on another origin gets the dev browser token as well.
 */
export function pageLocation(options, kind, { returnBackUrl, devBrowser } = {}) {
  const configured = kind === 'sign-in' ? options.signInUrl : options.signUpUrl
  const host = options.publishableKey ? parsePublishableKey(options.publishableKey) : null
  const target = configured || (host ? `${accountsBaseUrl(host)}/${kind}` : null)
  if (!target) return null
  const relative = target.startsWith('/')
  const url = new URL(target, 'http://relative.invalid')
  if (returnBackUrl) url.searchParams.set('redirect_url', String(returnBackUrl))
  if (!relative && devBrowser && options.publishableKey?.startsWith('pk_test_')) {
    url.searchParams.set('__clerk_db_jwt', devBrowser)
  }
  return relative ? `${url.pathname}${url.search}${url.hash}` : url.href
}

/**
 * Clerk's isPageRequest (packages/nextjs/src/server/protect.ts): a document or frame, a request
 * that accepts HTML, or the App Router fetching a page's payload (not a server action).
 */
export function isPageRequest(headers) {
  const dest = headers.get('sec-fetch-dest')
  if (dest === 'document' || dest === 'iframe') return true
  if (headers.get('accept')?.includes('text/html')) return true
  return headers.get('rsc') !== null && headers.get('next-action') === null
}
