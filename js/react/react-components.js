// Clerk's control components with our names: <Show> and <Protect> render by the auth state and
// has(), the gates by the load status (Clerk's <ClerkLoading>, <ClerkLoaded>, <ClerkDegraded>,
// <ClerkFailed>: @clerk/react's controlComponents.tsx). Each renders nothing until the state is
// loaded, as Clerk's do.
import { useAuth, useAuthContext, useAuthState } from './react-hooks.js'

/**
 * Renders `children` when `when` holds, else `fallback`: `'signed-in'`, `'signed-out'`, has()'s
 * parameters (`{ role: 'org:admin' }`), or `(has) => boolean`.
 */
export function Show({ when, fallback = null, treatPendingAsSignedOut, children = null }) {
  const { isLoaded, userId, has } = useAuth({ treatPendingAsSignedOut })
  if (!isLoaded) return null
  if (when === 'signed-out') return userId ? fallback : children
  if (!userId) return fallback
  if (when === 'signed-in') return children
  return (typeof when === 'function' ? when(has) : has(when)) ? children : fallback
}

/** Renders `children` when signed in and, if asked, `condition(has)` or has() of the other props hold. */
export function Protect({ condition, fallback = null, treatPendingAsSignedOut, children = null, ...params }) {
  const { isLoaded, userId, has } = useAuth({ treatPendingAsSignedOut })
  if (!isLoaded) return null
  if (!userId) return fallback
  if (typeof condition === 'function') return condition(has) ? children : fallback
  if (params.role || params.permission || params.feature || params.plan || params.reverification) {
    return has(params) ? children : fallback
  }
  return children
}

/**
 * A gate's render: `children` while the provider's state passes `test(state)`. Its name for React
 * DevTools is set as it first renders: a top-level `displayName` assignment (or a factory call)
 * would keep every gate in a bundle that imports none of them.
 */
function gate(Gate, name, test, children = null) {
  Gate.displayName ??= name
  return test(useAuthState(useAuthContext(name))) ? children : null
}

/** While the client loads (status `loading`). */
export function AuthLoading({ children }) {
  return gate(AuthLoading, 'AuthLoading', (state) => state.status === 'loading', children)
}
/** Once the state is known and the client has answered. */
export function AuthLoaded({ children }) {
  return gate(AuthLoaded, 'AuthLoaded', (state) => state.isLoaded && state.status !== 'loading', children)
}
/** While the Frontend API fails and the last known state holds (status `degraded`). */
export function AuthDegraded({ children }) {
  return gate(AuthDegraded, 'AuthDegraded', (state) => state.status === 'degraded', children)
}
/** When nothing could be loaded (status `error`); the client keeps trying. */
export function AuthFailed({ children }) {
  return gate(AuthFailed, 'AuthFailed', (state) => state.status === 'error', children)
}
