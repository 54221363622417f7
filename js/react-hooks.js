// <AuthProvider> and useAuth() with the return shapes of Clerk's useAuth(). The
// store is the framework-free AuthClient (client.js); this file maps its state to the four
// documented shapes and gives has() the wasm checker of the current state.
import { createContext, createElement, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { createAuthClient } from './client.js'
import { checkAuthorizationFor } from './core.js'

const AuthContext = createContext(null)

/**
 * Provides the auth state to useAuth(). Give the instance (`publishableKey`, `proxyUrl`,
 * `frontendApi`: createAuthClient's options) or a ready `client`; `initialState` (from
 * authenticateRequest on the server) makes the first render already loaded.
 */
export function AuthProvider({
  children,
  publishableKey,
  proxyUrl,
  frontendApi,
  initialState,
  client,
  treatPendingAsSignedOut = true,
}) {
  const [value] = useState(() => {
    const store = client ?? createAuthClient({ publishableKey, proxyUrl, frontendApi, initialState })
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
    value.store.load().catch(() => {}) // a failed load leaves the state as it was; getToken() reports errors
  }, [value])
  return createElement(AuthContext.Provider, { value }, children)
}

const never = () => false

export function useAuth(options = {}) {
  const context = useContext(AuthContext)
  if (!context)
    throw new Error('useAuth() can only be used inside <AuthProvider>: wrap your app (or layout) in <AuthProvider>.')
  const { store, getServerSnapshot, getToken, signOut } = context
  const state = useSyncExternalStore(store.subscribe, store.getState, getServerSnapshot)
  const pendingAsSignedOut = options?.treatPendingAsSignedOut ?? context.treatPendingAsSignedOut
  return useMemo(
    () => authShape(state, pendingAsSignedOut, getToken, signOut),
    [state, pendingAsSignedOut, getToken, signOut],
  )
}

/**
 * One of the four documented shapes. States Clerk rejects as invalid (a session without user or
 * claims, an organization without a role) do not throw here: the first is signed out, the second
 * signed in without an organization.
 */
export function authShape(state, treatPendingAsSignedOut, getToken, signOut) {
  const { isLoaded, sessionId, userId, sessionClaims } = state
  if (!isLoaded) {
    return shape({ getToken, signOut, has: never, isLoaded: false }, undefined)
  }
  const signedIn =
    sessionId && userId && sessionClaims && !(treatPendingAsSignedOut && state.sessionStatus === 'pending')
  if (!signedIn) {
    return shape({ getToken, signOut, has: never, isLoaded: true, isSignedIn: false }, null)
  }
  const inOrg = Boolean(state.orgId && state.orgRole)
  const has = checkAuthorizationFor(inOrg ? state : { ...state, orgId: null, orgRole: null, orgPermissions: null })
  return {
    actor: state.actor || null,
    getToken,
    has,
    isLoaded: true,
    isSignedIn: true,
    orgId: inOrg ? state.orgId : null,
    orgRole: inOrg ? state.orgRole : null,
    orgSlug: inOrg ? state.orgSlug || null : null,
    sessionClaims,
    sessionId,
    signOut,
    userId,
  }
}

/** The not-loaded and signed-out shapes: every state field `empty` (undefined or null). */
function shape(fixed, empty) {
  return {
    actor: empty,
    getToken: fixed.getToken,
    has: fixed.has,
    isLoaded: fixed.isLoaded,
    isSignedIn: fixed.isSignedIn ?? empty,
    orgId: empty,
    orgRole: empty,
    orgSlug: empty,
    sessionClaims: empty,
    sessionId: empty,
    signOut: fixed.signOut,
    userId: empty,
  }
}
