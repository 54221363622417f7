// Types of `wasm-auth/react`.
import type { ReactElement, ReactNode } from 'react'
import type {
  ActClaim,
  AuthClient,
  AuthClientOptions,
  AuthError,
  CheckAuthorization,
  CheckAuthorizationParams,
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

export interface AuthProviderProps extends Omit<AuthClientOptions, 'initialState'> {
  children?: ReactNode
  /** A ready client, in place of one made from the options. */
  client?: AuthClient
  /** Makes the server render and the first client render loaded and identical. */
  initialState?: InitialAuthState | null
  treatPendingAsSignedOut?: boolean
}

export declare function AuthProvider(props: AuthProviderProps): ReactElement
export declare function useAuth(options?: UseAuthOptions): UseAuthReturn
/** The provider's client (Clerk's `useClerk()`). */
export declare function useAuthClient(): AuthClient

/** A verification, as clerk-js shapes it (the fields the Frontend API sends). */
export interface VerificationResource {
  status: string | null
  strategy: string | null
  attempts: number | null
  expireAt: Date
}

export interface EmailAddressResource {
  id: string
  emailAddress: string
  verification: VerificationResource | null
  matchesSsoConnection?: boolean
  linkedTo: { id: string; type: string }[]
}

export interface PhoneNumberResource {
  id: string
  phoneNumber: string
  reservedForSecondFactor?: boolean
  defaultSecondFactor?: boolean
  verification: VerificationResource | null
  linkedTo: { id: string; type: string }[]
  backupCodes?: string[]
}

export interface Web3WalletResource {
  id: string
  web3Wallet: string
  verification: VerificationResource | null
}

export interface PublicUserData {
  firstName: string | null
  lastName: string | null
  imageUrl: string
  hasImage: boolean
  identifier: string
  userId?: string
  username?: string | null
}

export interface OrganizationResource {
  id: string
  name: string
  slug: string | null
  imageUrl: string
  hasImage: boolean
  publicMetadata: Record<string, unknown>
  membersCount: number
  pendingInvitationsCount: number
  maxAllowedMemberships: number
  adminDeleteEnabled: boolean
  selfServeSSOEnabled: boolean
  exclusiveMembership: boolean
  createdAt: Date
  updatedAt: Date
}

export interface OrganizationMembershipResource {
  id: string
  organization: OrganizationResource
  publicMetadata: Record<string, unknown>
  publicUserData?: PublicUserData
  permissions: string[]
  role: string
  roleName: string
  createdAt: Date
  updatedAt: Date
}

/** The signed-in user, as clerk-js's User resource holds its data (no methods). */
export interface UserResource {
  id: string
  externalId: string | null
  firstName: string | null
  lastName: string | null
  fullName: string | null
  imageUrl: string
  hasImage: boolean
  username: string | null
  passwordEnabled: boolean
  emailAddresses: EmailAddressResource[]
  primaryEmailAddressId: string | null
  primaryEmailAddress: EmailAddressResource | null
  phoneNumbers: PhoneNumberResource[]
  primaryPhoneNumberId: string | null
  primaryPhoneNumber: PhoneNumberResource | null
  web3Wallets: Web3WalletResource[]
  primaryWeb3WalletId: string | null
  primaryWeb3Wallet: Web3WalletResource | null
  /** OAuth accounts, passkeys and enterprise (SAML/OIDC) accounts: their data fields, as clerk-js reads them. */
  externalAccounts: Record<string, unknown>[]
  passkeys: Record<string, unknown>[]
  organizationMemberships: OrganizationMembershipResource[]
  enterpriseAccounts: Record<string, unknown>[]
  publicMetadata: Record<string, unknown>
  unsafeMetadata: Record<string, unknown>
  totpEnabled: boolean
  backupCodeEnabled: boolean
  twoFactorEnabled: boolean
  createOrganizationEnabled: boolean
  createOrganizationsLimit: number | null
  deleteSelfEnabled: boolean
  lastSignInAt: Date | null
  legalAcceptedAt: Date | null
  updatedAt: Date
  createdAt: Date
}

/** The active session, its user included. */
export interface SessionResource {
  id: string
  status: string
  expireAt: Date
  abandonAt: Date
  factorVerificationAge: [number, number] | null
  lastActiveAt: Date
  lastActiveOrganizationId: string | null
  actor: ActClaim | null
  createdAt: Date
  updatedAt: Date
  user: UserResource
  tasks: { key: string }[] | null
  publicUserData?: PublicUserData
  getToken: GetToken
}

type Loading<K extends string> = { isLoaded: false; isSignedIn: undefined } & { [key in K]: undefined }
type SignedOut<K extends string> = { isLoaded: true; isSignedIn: false } & { [key in K]: null }
type SignedIn<K extends string, T> = { isLoaded: true; isSignedIn: true } & { [key in K]: T }

export declare function useSession(): Loading<'session'> | SignedOut<'session'> | SignedIn<'session', SessionResource>
export declare function useUser(): Loading<'user'> | SignedOut<'user'> | SignedIn<'user', UserResource>

/** Clerk's paginated list shape; here one page holding every item, or (not fetched) no data. */
export interface PaginatedResources<T> {
  data: T[] | undefined
  count: number | undefined
  error: AuthError | null | undefined
  isLoading: boolean
  isFetching: boolean
  isError: boolean
  page: number | undefined
  pageCount: number | undefined
  fetchPage: ((page: number) => Promise<void>) | undefined
  fetchPrevious: (() => Promise<void>) | undefined
  fetchNext: (() => Promise<void>) | undefined
  hasNextPage: boolean
  hasPreviousPage: boolean
  revalidate: (() => Promise<void>) | undefined
  setData: undefined
}

export declare function useOrganization(): {
  isLoaded: boolean
  organization: OrganizationResource | null | undefined
  membership: OrganizationMembershipResource | null | undefined
  memberships: PaginatedResources<OrganizationMembershipResource> | null
  invitations: PaginatedResources<never> | null
  domains: PaginatedResources<never> | null
  membershipRequests: PaginatedResources<never> | null
}

export declare function useOrganizationList(): {
  isLoaded: boolean
  createOrganization: undefined
  setActive: ((params: { organization?: string | OrganizationResource | null }) => Promise<void>) | undefined
  userMemberships: PaginatedResources<OrganizationMembershipResource>
  userInvitations: PaginatedResources<never>
  userSuggestions: PaginatedResources<never>
}

/** What `<Show when>` takes: a sign-in state, has()'s parameters, or a predicate over has(). */
export type ShowWhen = 'signed-in' | 'signed-out' | CheckAuthorizationParams | ((has: CheckAuthorization) => boolean)

export declare function Show(props: {
  when: ShowWhen
  fallback?: ReactNode
  treatPendingAsSignedOut?: boolean
  children?: ReactNode
}): ReactNode

export declare function Protect(
  props: CheckAuthorizationParams & {
    condition?: (has: CheckAuthorization) => boolean
    fallback?: ReactNode
    treatPendingAsSignedOut?: boolean
    children?: ReactNode
  },
): ReactNode

/** Renders its children while the load status is `loading`. */
export declare function AuthLoading(props: { children?: ReactNode }): ReactNode
/** Renders its children once the state is loaded and the client has answered. */
export declare function AuthLoaded(props: { children?: ReactNode }): ReactNode
/** Renders its children while the load status is `degraded`. */
export declare function AuthDegraded(props: { children?: ReactNode }): ReactNode
/** Renders its children while the load status is `error`. */
export declare function AuthFailed(props: { children?: ReactNode }): ReactNode
