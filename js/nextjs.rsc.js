// wasm-auth/nextjs in server components (the `react-server` condition): <AuthProvider> as
// @clerk/nextjs's server ClerkProvider has it (packages/nextjs/src/app-router/server/ClerkProvider.tsx),
// rendering the client provider of nextjs.js with the configuration read here, on the server:
// the options given as props, else Clerk's environment variables (nextjs-env.js). The hooks and
// components are nextjs.js's, as client references.
//
// Static by default: the configuration is all it reads, so a route stays prerendered and the
// browser's client loads the state. With `dynamic` it reads the request (the proxy's verdict) and
// renders loaded. Reading a request is what cacheComponents wants inside <Suspense>: the provider
// holds that boundary itself, around the part that waits for the request, so the route's static
// shell is what lies outside the provider, and `fallback` is what shows until the rest streams in
// (in the same response: nothing is fetched again).
import { createElement, Suspense } from 'react'
import { AuthProvider as ClientAuthProvider } from './nextjs.js'
import { clientProps, resolveConfig } from './nextjs/nextjs-env.js'
import { authObjectOf, verdictFor } from './nextjs/nextjs-verdict.js'

export {
  AuthDegraded,
  AuthFailed,
  AuthLoaded,
  AuthLoading,
  Protect,
  Show,
  useAuth,
  useAuthClient,
  useOrganization,
  useOrganizationList,
  useSession,
  useUser,
} from './nextjs.js'

export function AuthProvider({ dynamic = false, fallback = null, children, ...props }) {
  if (!dynamic)
    return createElement(ClientAuthProvider, { ...clientProps(resolveConfig(props)), ...rest(props) }, children)
  return createElement(Suspense, { fallback }, createElement(RequestAuthProvider, props, children))
}
AuthProvider.displayName = 'AuthProvider'

// The props that are not configuration (a client, treatPendingAsSignedOut) go through as they are.
const rest = ({ publishableKey, proxyUrl, frontendApi, signInUrl, signUpUrl, afterSignOutUrl, ...others }) => others

async function RequestAuthProvider({ children, ...props }) {
  const { headers } = await import('next/headers')
  const verdict = await verdictFor(await headers(), { requireProxy: false, caller: '<AuthProvider dynamic>' })
  // The props given win; then the proxy's options when it ran (they may come from its code), else
  // the environment's.
  const given = clientProps({ options: props })
  const options = verdict.options ? { ...verdict.options, ...given } : clientProps(resolveConfig(props))
  const { has, getToken, ...initialState } = authObjectOf(verdict.token, verdict.sessionStatus)
  return createElement(ClientAuthProvider, { ...options, ...rest(props), initialState }, children)
}
