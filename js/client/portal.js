// Where a client sends the browser to sign in or up: the app's own `signInUrl`/`signUpUrl`, else
// the Account Portal pages the instance's environment names (`GET /v1/environment`,
// `display_config`), fetched once per client. The environment serves navigation only, never the
// session state, so it is fetched here and not by the machine (docs/architecture.md).
import { AuthError } from '../core/errors.js'
import { accountPortalUrl, addClerkErrors } from './fapi.js'
import { go } from './navigate.js'

/** `redirectTo(key, { redirectUrl })` for a client's `redirectToSignIn`/`redirectToSignUp`. */
export function createRedirects(options, instance, transport) {
  let environment = null // fetched once, again after a failure
  const fetchEnvironment = () =>
    (environment ??= transport.send('GET', '/v1/environment').then(
      ([status, body]) => {
        if (status === 200) return JSON.parse(body)
        const code = status === 429 ? 'rate-limited' : status >= 500 ? 'server-error' : 'request-rejected'
        const error = new AuthError(code, `GET /v1/environment answered ${status}.`)
        addClerkErrors(error, status, body)
        throw error
      },
      (cause) => {
        throw new AuthError('network-error', 'The Frontend API could not be reached.', { cause })
      },
    )).catch((error) => {
      environment = null
      throw error instanceof AuthError ? error : new AuthError('response-invalid', 'The environment is not JSON.')
    })
  // The hosts the instance's pages may be on: its Frontend API's, and the publishable key's.
  const instanceHosts = [new URL(instance.frontendApi).hostname, instance.keyHost?.split(':')[0]].filter(Boolean)
  return async (key, { redirectUrl } = {}) => {
    const configured = options[key === 'sign_in_url' ? 'signInUrl' : 'signUpUrl']
    const url = accountPortalUrl({
      environment: configured ? null : await fetchEnvironment(),
      key,
      configured,
      redirectUrl,
      devBrowserToken: transport.devBrowserToken(),
      instanceHosts,
    })
    go(url)
    return url.href
  }
}
