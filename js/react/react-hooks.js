// <AuthProvider>, useAuth() with the return shapes of Clerk's useAuth(), and useAuthClient(). The
// store is the framework-free AuthClient (client.js); this file maps its state to the four
// documented shapes (their fields are src/abi.rs's, via js/core/abi.js) and gives has() the wasm
// checker of the current state, one per state however many components ask. The other hooks and
// the control components (react-session.js, react-components.js) build on the same context.
import { createContext, createElement, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { createAuthClient } from '../client/client.js'
import { checkAuthorizationFor } from '../core/core.js'
import { AuthError } from '../core/errors.js'
import { ORGANIZATION_FIELDS, USE_AUTH_FIELDS as FIELDS } from '../core/abi.js'

const AuthContext = createContext(null)

/**
 * Provides the auth state to useAuth(). Give the instance (`publishableKey`, `proxyUrl`,
 * `frontendApi`: createAuthClient's options) or a ready `client`; `initialState` (from
 * authenticateRequest on the server) makes the first render already loaded.
 */
export function AuthProvider({ children, client, treatPendingAsSignedOut = true, ...options }) {
  const [value] = useState(() => {
    const store = client ?? createAuthClient(options)
    // React renders with the server snapshot during SSR and hydration: what the server saw.
    const serverState = store.getState()
    return {
      store,
      getServerSnapshot: () => serverState,
      getToken: (options) => store.getToken(options),
      signOut: (options) => store.signOut(options),
      treatPendingAsSignedOut,
    }
  })
  useEffect(() => {
    // A failed load leaves the state as it was: the status says why, and the client loads again.
    value.store.load().catch(() => {})
  }, [value])
  return createElement(AuthContext.Provider, { value }, children)
}
// React DevTools and React's warnings name a component by `displayName`: the published file is
// minified, and keeping every function's name for this one cost more bytes.
AuthProvider.displayName = 'AuthProvider'

const never = () => false

/** The provider's context, for the hooks of this package; outside a provider, an error naming `hook`. */
export function useAuthContext(hook) {
  const context = useContext(AuthContext)
  if (!context) {
    const message = `${hook}() can only be used inside <AuthProvider>: wrap your app (or layout) in <AuthProvider>.`
    throw new AuthError('provider-missing', message)
  }
  return context
}

/** The provider's state (the client's getState()), as React renders it. */
export function useAuthState(context) {
  const { store, getServerSnapshot } = context
  return useSyncExternalStore(store.subscribe, store.getState, getServerSnapshot)
}

/** The provider's client (Clerk's useClerk()): setActive, redirectToSignIn/Up, signOut, getState(). */
export const useAuthClient = () => useAuthContext('useAuthClient').store

export function useAuth(options = {}) {
  const context = useAuthContext('useAuth')
  const { getToken, signOut } = context
  const state = useAuthState(context)
  const pendingAsSignedOut = options?.treatPendingAsSignedOut ?? context.treatPendingAsSignedOut
  return useMemo(
    () => authShape(state, pendingAsSignedOut, getToken, signOut),
    [state, pendingAsSignedOut, getToken, signOut],
  )
}

/**
 * One of the four documented shapes (Clerk's `resolveAuthState`, packages/shared/src/authorization.ts).
 * States Clerk rejects as invalid (a session without user or claims, an organization without a
 * role) do not throw here: the first is signed out, the second signed in without an organization.
 */
export function authShape(state, treatPendingAsSignedOut, getToken, signOut) {
  const { isLoaded, sessionId, userId, sessionClaims } = state
  const signedIn = Boolean(
    isLoaded && sessionId && userId && sessionClaims && !(treatPendingAsSignedOut && state.sessionStatus === 'pending'),
  )
  const inOrg = signedIn && Boolean(state.orgId && state.orgRole)
  // Not loaded: every field undefined; signed out: null; signed in: the state's (org fields null
  // outside an organization).
  const empty = isLoaded ? null : undefined
  const auth = { getToken, signOut, has: signedIn ? hasFor(state, inOrg) : never, isLoaded, isSignedIn: empty }
  for (const name of FIELDS)
    auth[name] = signedIn && (inOrg || !ORGANIZATION_FIELDS.includes(name)) ? state[name] : empty
  if (isLoaded) auth.isSignedIn = signedIn
  if (signedIn) auth.actor = state.actor || null
  if (inOrg) auth.orgSlug = state.orgSlug || null
  return auth
}

// Each state's has(), made once for every component that renders that state (the store's
// snapshots are frozen and stay the same object until something changes).
const checkers = new WeakMap()

function hasFor(state, inOrg) {
  let has = checkers.get(state)
  if (has === undefined) {
    const auth = inOrg ? state : { ...state }
    if (!inOrg) for (const name of ORGANIZATION_FIELDS) auth[name] = null
    checkers.set(state, (has = checkAuthorizationFor(auth)))
  }
  return has
}
