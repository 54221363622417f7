// Types of `wasm-auth/nextjs`: wasm-auth/react's, and <AuthProvider>'s props for Next.js.
import type { ReactElement, ReactNode } from 'react'
import type { AuthProviderProps as ReactAuthProviderProps } from './react.js'

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
} from './react.js'
export type { InitialAuthState, UseAuthOptions, UseAuthReturn } from './react.js'

export interface AuthProviderProps extends ReactAuthProviderProps {
  /**
   * Read the request on the server (the proxy's verdict) and render loaded. Without it the route
   * stays static and the browser's client loads the state. The provider holds the `<Suspense>`
   * boundary cacheComponents asks for around what waits for the request.
   */
  dynamic?: boolean
  /** With `dynamic`: what the static shell shows in the provider's place until the rest streams in (default nothing). */
  fallback?: ReactNode
}

/**
 * In a server component (the root layout): the client provider with the configuration from the
 * props, else from Clerk's environment variables (`NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY`, …). In a
 * client component: wasm-auth/react's provider.
 */
export declare function AuthProvider(props: AuthProviderProps): ReactElement
