// The instance as a server sees it, from its options alone. A server has no origin of its own, and
// the one a request claims (its Host or X-Forwarded-Host) is the client's to write: nothing here
// reads a request. Kept apart from instance.js, which the browser bundle carries whole.
import { AuthError } from '../core/errors.js'
import { instanceFrom } from '../core/instance.js'

/**
 * `{ frontendApi, keysFrom, development, publishableKey, keyHost }` for the options, each option
 * checked as instanceFrom checks it:
 *  - `frontendApi`: where the browser is sent for the Frontend API (handshakes): an absolute
 *    `proxyUrl`, or a path `proxyUrl` kept as a path (the browser resolves it on the origin it is
 *    on), else `frontendApi`, else `https://` + the publishable key's host; or null.
 *  - `keysFrom`: the absolute URL of the Frontend API the server itself may fetch from (its JWKS):
 *    an absolute `proxyUrl`, else `frontendApi`, else the publishable key's host. A path proxy
 *    only forwards to that Frontend API, so it is skipped. Null when the options name none.
 *  - `development`: the key's kind; without a key, whether `keysFrom` is one of Clerk's
 *    development hosts (never a request's host).
 * A path `proxyUrl` must start with one slash: `//host` would be a URL of another host.
 */
export function serverInstanceFrom(options = {}) {
  // Without an origin a path proxyUrl names no URL: what remains is the options' own.
  const instance = instanceFrom(options ?? {}, '')
  const proxy = options?.proxyUrl
  if (typeof proxy !== 'string' || !proxy.startsWith('/')) return { ...instance, keysFrom: instance.frontendApi }
  if (/^\/[/\\]/.test(proxy)) {
    throw new AuthError('options-invalid', 'proxyUrl is an http(s) URL or a path starting with one /.')
  }
  const direct = instanceFrom({ publishableKey: options.publishableKey, frontendApi: options.frontendApi }, '')
  return { ...direct, frontendApi: proxy.replace(/(.)\/+$/, '$1'), keysFrom: direct.frontendApi }
}
