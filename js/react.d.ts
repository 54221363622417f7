// Types of `wasm-auth/react`.
import type { ReactElement, ReactNode } from 'react'
import type {
  ActClaim,
  AuthClient,
  CheckAuthorization,
  GetToken,
  InitialAuthState,
  JwtPayload,
  SignOut,
} from './index.js'

export type { InitialAuthState } from './index.js'

export interface UseAuthOptions {
  /** A `pending` session counts as signed out (default true, as in Clerk). */
  treatPendingAsSignedOut?: boolean
}

interface Methods {
  getToken: GetToken
  signOut: SignOut
  has: CheckAuthorization
}

/** Clerk hasn't loaded yet. */
export interface UseAuthNotLoaded extends Methods {
  isLoaded: false
  isSignedIn: undefined
  userId: undefined
  sessionId: undefined
  sessionClaims: undefined
  actor: undefined
  orgId: undefined
  orgRole: undefined
  orgSlug: undefined
}

export interface UseAuthSignedOut extends Methods {
  isLoaded: true
  isSignedIn: false
  userId: null
  sessionId: null
  sessionClaims: null
  actor: null
  orgId: null
  orgRole: null
  orgSlug: null
}

export interface UseAuthSignedInWithoutOrganization extends Methods {
  isLoaded: true
  isSignedIn: true
  userId: string
  sessionId: string
  sessionClaims: JwtPayload
  actor: ActClaim | null
  orgId: null
  orgRole: null
  orgSlug: null
}

export interface UseAuthSignedInWithOrganization extends Methods {
  isLoaded: true
  isSignedIn: true
  userId: string
  sessionId: string
  sessionClaims: JwtPayload
  actor: ActClaim | null
  orgId: string
  orgRole: string
  orgSlug: string | null
}

/** Narrow on `isLoaded`, then `isSignedIn`, then `orgId`. */
export type UseAuthReturn =
  UseAuthNotLoaded | UseAuthSignedOut | UseAuthSignedInWithoutOrganization | UseAuthSignedInWithOrganization

export interface AuthProviderProps {
  children?: ReactNode
  /** The Clerk instance, as createAuthClient takes it (`AuthClientOptions`); or pass a ready `client`. */
  publishableKey?: string
  proxyUrl?: string
  frontendApi?: string
  client?: AuthClient
  /** Makes the server render and the first client render loaded and identical. */
  initialState?: InitialAuthState | null
  treatPendingAsSignedOut?: boolean
}

export declare function AuthProvider(props: AuthProviderProps): ReactElement
export declare function useAuth(options?: UseAuthOptions): UseAuthReturn
