// Clerk's publishable key, `pk_test_…` (development) or `pk_live_…` (production) + the base64 of
// `<frontend API host>$`, and the one rule that turns the instance options into the Frontend API's
// URL. The rules follow @clerk/shared's keys.ts (`parsePublishableKey`, `isPublishableKey`);
// kept small and free of wasm so the browser client and the server can share it.
import { AuthError } from './errors.js'

const LIVE = 'pk_live_'
const TEST = 'pk_test_'
// @clerk/shared/constants DEV_OR_STAGING_SUFFIXES: Clerk's development Frontend API hosts.
const DEV_HOSTS =
  /(\.lcl\.dev|\.stg\.dev|\.lclstage\.dev|\.stgstage\.dev|\.dev\.lclclerk\.com|\.stg\.lclclerk\.com|\.accounts\.lclclerk\.com|accountsstage\.dev|accounts\.dev)$/

/**
 * `{ instanceType: 'production' | 'development', frontendApi: host }` for a well-formed key;
 * throws AuthError `options-invalid` naming the option otherwise.
 */
export function parsePublishableKey(key) {
  const fail = (why) => new AuthError('options-invalid', `publishableKey is not a Clerk publishable key: ${why}.`)
  if (typeof key !== 'string' || !(key.startsWith(LIVE) || key.startsWith(TEST))) throw fail('no pk_test_/pk_live_')
  const parts = key.split('_')
  if (parts.length !== 3 || !parts[2]) throw fail('not three parts')
  let decoded
  try {
    decoded = atob(parts[2].replace(/-/g, '+').replace(/_/g, '/'))
  } catch {
    throw fail('not base64')
  }
  // The decoded text is the host followed by exactly one `$`, and the host has a dot.
  const host = decoded.slice(0, -1)
  if (!decoded.endsWith('$') || host.includes('$') || !host.includes('.')) throw fail('not a Frontend API host')
  return { instanceType: key.startsWith(LIVE) ? 'production' : 'development', frontendApi: host }
}

/**
 * The instance an app's options describe: its kind and the Frontend API's URL (no trailing
 * slash), or `frontendApi: null` when the options name none. `proxyUrl` wins (Clerk's rule: the
 * Frontend API behind the app's own origin; a path is taken relative to `origin`), then an explicit
 * `frontendApi` (a host or a URL), then the publishable key's host. The kind comes from the key;
 * without one, from the Frontend API's host (one of Clerk's development hosts, or production), the
 * rule the browser client follows too.
 */
export function instanceFrom({ publishableKey, proxyUrl, frontendApi } = {}, origin) {
  const key = publishableKey ? parsePublishableKey(publishableKey) : null
  let url = null
  if (typeof proxyUrl === 'string' && proxyUrl) {
    url = proxyUrl.startsWith('/') ? (origin ? `${origin}${proxyUrl}` : null) : proxyUrl
  } else if (typeof frontendApi === 'string' && frontendApi) {
    url = /^https?:\/\//.test(frontendApi) ? frontendApi : `https://${frontendApi}`
  } else if (key) {
    url = `https://${key.frontendApi}`
  }
  let host = ''
  try {
    host = url ? new URL(url).hostname : ''
  } catch {
    url = null // not a URL: no Frontend API to reach
  }
  const instanceType = key?.instanceType ?? (DEV_HOSTS.test(host) ? 'development' : 'production')
  return { instanceType, frontendApi: url?.replace(/\/+$/, '') ?? null, keyFrontendApi: key?.frontendApi ?? null }
}
