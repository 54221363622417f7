// Which Clerk instance the options name, by one rule shared by the browser client and the server:
// its Frontend API's URL, its kind, its publishable key and the cookie names it uses. Free of wasm,
// so both sides load it as it is. The rules follow @clerk/shared's keys.ts (`parsePublishableKey`,
// `getCookieSuffix`) and constants.ts (`DEV_OR_STAGING_SUFFIXES`).
import { AuthError } from './errors.js'

/** The cookies Clerk's browser SDK and server SDKs share, by their plain names. */
export const COOKIES = {
  session: '__session',
  clientUat: '__client_uat',
  devBrowser: '__clerk_db_jwt',
  handshake: '__clerk_handshake',
  handshakeNonce: '__clerk_handshake_nonce',
  redirectCount: '__clerk_redirect_count',
  activeContext: 'clerk_active_context',
}

// Clerk's development Frontend API hosts.
const DEV_HOSTS =
  /(\.lcl\.dev|\.stg\.dev|\.lclstage\.dev|\.stgstage\.dev|\.dev\.lclclerk\.com|\.stg\.lclclerk\.com|\.accounts\.lclclerk\.com|accountsstage\.dev|accounts\.dev)$/

/**
 * The Frontend API host a publishable key names, or null: `pk_test_` (development) or `pk_live_`
 * (production), then the base64 of `<host>$`.
 */
export function parsePublishableKey(key) {
  const [, kind, encoded] = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(key) ?? []
  if (!kind) return null
  let decoded
  try {
    decoded = atob(encoded.split('_')[0])
  } catch {
    return null
  }
  const host = decoded.slice(0, -1)
  return decoded.endsWith('$') && !host.includes('$') && host.includes('.') ? host : null
}

const invalid = (message) => new AuthError('options-invalid', message)
const absent = (value) => value === undefined || value === null || value === ''

/**
 * `{ frontendApi, development, publishableKey, keyHost }` for the options. Requests go to
 * `proxyUrl` when given (absolute, or a path on `origin`), else to `frontendApi` (a URL, or a host
 * reached over https), else to `https://` + the host the publishable key names; `frontendApi` is
 * null when the options name none. The instance is a development one when the key is `pk_test_`;
 * without a key, when the Frontend API's host is one of Clerk's development hosts. A malformed
 * option throws AuthError `options-invalid` naming it.
 */
export function instanceFrom({ publishableKey, proxyUrl, frontendApi } = {}, origin = globalThis.location?.origin) {
  let keyHost = null
  if (!absent(publishableKey)) {
    keyHost = typeof publishableKey === 'string' ? parsePublishableKey(publishableKey) : null
    if (!keyHost) throw invalid('publishableKey is not a Clerk publishable key (pk_test_… or pk_live_…).')
  }
  let url = null
  if (!absent(proxyUrl)) {
    if (typeof proxyUrl !== 'string' || !/^(https?:\/\/|\/)/.test(proxyUrl)) {
      throw invalid('proxyUrl is an http(s) URL or a path starting with /.')
    }
    url = proxyUrl.startsWith('/') ? (origin ? `${origin}${proxyUrl}` : null) : proxyUrl
  } else if (!absent(frontendApi)) {
    if (typeof frontendApi !== 'string' || !/^(https?:\/\/[^\s/?#]+|[\w.-]+(:\d+)?)(\/[^\s?#]*)?$/.test(frontendApi)) {
      throw invalid('frontendApi is the Frontend API URL or host.')
    }
    url = /^https?:\/\//.test(frontendApi) ? frontendApi : `https://${frontendApi}`
  } else if (keyHost) {
    url = `https://${keyHost}`
  }
  let host = ''
  try {
    host = url ? new URL(url).hostname : ''
  } catch {
    throw invalid('proxyUrl or frontendApi is not a URL.')
  }
  return {
    frontendApi: url?.replace(/\/+$/, '') ?? null,
    development: keyHost ? publishableKey.startsWith('pk_test_') : DEV_HOSTS.test(host),
    publishableKey: keyHost ? publishableKey : null,
    keyHost,
  }
}

const suffixes = new Map() // publishable key -> its cookie suffix (a promise)

/** The suffix of the instance's cookie names (`__session_<suffix>`): base64url(SHA-1(key)), 8 characters. */
export function cookieSuffix(publishableKey) {
  let suffix = suffixes.get(publishableKey)
  if (!suffix) {
    if (suffixes.size >= 16) suffixes.delete(suffixes.keys().next().value)
    suffix = crypto.subtle.digest('SHA-1', new TextEncoder().encode(publishableKey)).then((digest) =>
      btoa(String.fromCharCode(...new Uint8Array(digest)))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .slice(0, 8),
    )
    suffixes.set(publishableKey, suffix)
  }
  return suffix
}
