// Types of the core entry, `wasm-auth`.

/** Every code an AuthError carries; the list is src/error.rs's `ErrorKind` (tests/abi.rs checks this). */
export type AuthErrorCode =
  | 'token-invalid'
  | 'claims-invalid'
  | 'options-invalid'
  | 'network-error'
  | 'server-error'
  | 'rate-limited'
  | 'request-rejected'
  | 'response-invalid'
  | 'signed-out'
  | 'provider-missing'
  | 'internal-error'
  | 'token-invalid-algorithm'
  | 'token-invalid-signature'
  | 'token-verification-failed'
  | 'token-invalid-authorized-parties'
  | 'token-invalid-issuer'
  | 'token-expired'
  | 'token-not-active-yet'
  | 'token-iat-in-the-future'
  | 'jwk-kid-mismatch'
  | 'jwk-local-missing'
  | 'jwk-remote-failed-to-load'

/** Everything wasm-auth throws. Switch on `code`; messages may change. */
export declare class AuthError extends Error {
  constructor(code: string, message: string, options?: ErrorOptions)
  readonly name: 'AuthError' | 'TokenVerificationError'
  readonly code: AuthErrorCode
  /** A request the Frontend API refused or kept failing: its HTTP status. */
  readonly status?: number
  /** ... and its errors, as Clerk's `ClerkAPIResponseError.errors` has them. */
  readonly errors?: ClerkAPIError[]
  readonly clerkTraceId?: string
}

/** One error of a Frontend API answer (`{ errors: [{ code, message, long_message, meta }] }`). */
export interface ClerkAPIError {
  /** Clerk's code, e.g. `not_a_member_in_organization`. */
  code: string
  message: string
  longMessage?: string
  /** Clerk's `meta`, keys camelCased (`param_name` → `paramName`). */
  meta: Record<string, unknown>
}

export type TokenVerificationErrorReason =
  | 'token-invalid'
  | 'token-invalid-algorithm'
  | 'token-invalid-signature'
  | 'token-verification-failed'
  | 'token-invalid-authorized-parties'
  | 'token-invalid-issuer'
  | 'token-expired'
  | 'token-not-active-yet'
  | 'token-iat-in-the-future'
  | 'jwk-kid-mismatch'
  | 'jwk-local-missing'
  | 'jwk-remote-failed-to-load'

/** A token failed verification, with Clerk's reason string. */
export declare class TokenVerificationError extends AuthError {
  constructor(reason: TokenVerificationErrorReason, message: string, options?: ErrorOptions)
  readonly reason: TokenVerificationErrorReason
}

/** The JWT actor of an impersonated session. */
export interface ActClaim {
  sub: string
  [claim: string]: unknown
}

/** Session-token claims (v1 and v2). */
export interface JwtPayload {
  sub?: string
  sid?: string
  iss?: string
  azp?: string
  exp?: number
  iat?: number
  nbf?: number
  v?: number
  act?: ActClaim
  sts?: 'active' | 'pending' | (string & {})
  fva?: [number, number]
  fea?: string
  pla?: string
  o?: { id: string; slg?: string; rol?: string; per?: string; fpm?: string }
  org_id?: string
  org_role?: string
  org_slug?: string
  org_permissions?: string[]
  [claim: string]: unknown
}

export interface JwtHeader {
  alg?: string
  kid?: string
  typ?: string
  [parameter: string]: unknown
}

export declare function decodeJwt(token: string): { header: JwtHeader; payload: JwtPayload }

/** What session-token claims say about the session. Absent values are null. */
export interface AuthObject {
  sessionClaims: JwtPayload
  sessionId: string | null
  sessionStatus: 'active' | 'pending' | null
  actor: ActClaim | null
  userId: string | null
  orgId: string | null
  orgRole: string | null
  orgSlug: string | null
  orgPermissions: string[] | null
  factorVerificationAge: [number, number] | null
}

export declare function authObjectFromClaims(claims: JwtPayload): AuthObject

export interface CheckAuthorizationOptions {
  userId?: string | null
  orgId?: string | null
  orgRole?: string | null
  orgPermissions?: string[] | null
  factorVerificationAge?: [number, number] | null
  /** The `fea` claim, e.g. `"o:reports,u:beta"`. */
  features?: string | null
  /** The `pla` claim, e.g. `"u:free_user"`. */
  plans?: string | null
}

export type ReverificationPreset = 'strict_mfa' | 'strict' | 'moderate' | 'lax'
export type ReverificationConfig =
  ReverificationPreset | { level: 'first_factor' | 'second_factor' | 'multi_factor'; afterMinutes: number }

/** What to check; every dimension given must pass. A scope may prefix features and plans. */
export interface CheckAuthorizationParams {
  role?: string
  permission?: string
  feature?: string
  plan?: string
  reverification?: ReverificationConfig
}

export type CheckAuthorization = (params: CheckAuthorizationParams) => boolean

export declare function createCheckAuthorization(options: CheckAuthorizationOptions): CheckAuthorization

/** Where the client stands with the Frontend API, as Clerk's `clerk.status` names it. */
export type AuthStatus = 'loading' | 'ready' | 'degraded' | 'error'

/** The load status and the last failure (`null` once an answer came), beside every state. */
export interface AuthHealth {
  status: AuthStatus
  error: AuthError | null
}

/** What `AuthClient.getState()` returns. Before load every field but `isLoaded` is undefined. */
export type AuthState = AuthHealth &
  (
    | {
        isLoaded: false
        sessionId: undefined
        userId: undefined
        sessionStatus: undefined
        sessionClaims: undefined
        actor: undefined
        orgId: undefined
        orgRole: undefined
        orgSlug: undefined
        orgPermissions: undefined
        factorVerificationAge: undefined
      }
    | ({ isLoaded: true } & AuthObject)
    | {
        isLoaded: true
        sessionId: null
        userId: null
        sessionStatus: null
        sessionClaims: null
        actor: null
        orgId: null
        orgRole: null
        orgSlug: null
        orgPermissions: null
        factorVerificationAge: null
      }
  )

export interface GetTokenOptions {
  /** A JWT template name; omit for the session token. */
  template?: string
  /** Omit for the active organization, `null` for the personal account. */
  organizationId?: string | null
  /** Always ask the server, and replace the cached token. */
  skipCache?: boolean
  /** Serve from cache only while more than this many seconds remain (default 10). */
  leewayInSeconds?: number
}

export type GetToken = (options?: GetTokenOptions) => Promise<string | null>
export type SignOut = (options?: { sessionId?: string; redirectUrl?: string }) => Promise<void>

export interface AuthClient {
  /** Fetches the client from the auth server; concurrent calls share one request. */
  load(): Promise<void>
  /** The same object until something changes. */
  getState(): AuthState
  /** The active session's resource as the Frontend API sent it (JSON); undefined before the client has it, null signed out. */
  getSession(): Record<string, unknown> | null | undefined
  subscribe(listener: () => void): () => void
  getToken: GetToken
  signOut: SignOut
  setActive(params: { organizationId: string | null }): Promise<void>
  /** Goes to the Account Portal's sign-in page (from `/v1/environment`), which returns to `redirectUrl` (default: this page). Resolves to the URL. */
  redirectToSignIn(options?: { redirectUrl?: string }): Promise<string>
  /** The same for the sign-up page. */
  redirectToSignUp(options?: { redirectUrl?: string }): Promise<string>
}

/** What the app's server knows: `authenticateRequest()`'s result, or `{ sessionId: null, userId: null }`. */
export type InitialAuthState =
  | ({ sessionId: string; userId: string } & Partial<Omit<AuthObject, 'sessionId' | 'userId'>>)
  | { sessionId: null; userId: null; [field: string]: unknown }

/**
 * Which Clerk instance. Requests go to `proxyUrl` when given, else to `frontendApi`, else to
 * `https://` + the host the publishable key names. `pk_test_` keys are development instances
 * (a dev browser token on every request); without a key, Clerk's development hosts are.
 */
export interface AuthClientOptions {
  /** The instance's publishable key, `pk_test_…` or `pk_live_…`, as ClerkProvider takes it. */
  publishableKey?: string
  /** The Frontend API behind a proxy: an http(s) URL, or a path on this origin (e.g. `/__clerk`). */
  proxyUrl?: string
  /** The Frontend API URL (e.g. `https://clerk.example.com`) or host. */
  frontendApi?: string
  /** The state the app's server rendered with: getState() returns it (loaded) until load() answers. */
  initialState?: InitialAuthState | null
  /** Write the app-domain cookies clerk-js writes (`__session`, `__client_uat`, `__clerk_db_jwt`) for the app's server (default: in a browser). */
  sessionCookie?: boolean
  /** Share tokens and sign-out with the origin's other tabs (default: in a browser). */
  syncTabs?: boolean
  /** The app's own sign-in page (an http(s) URL or a path): redirectToSignIn() goes there, not to the Account Portal. */
  signInUrl?: string
  /** The app's own sign-up page: redirectToSignUp() goes there. */
  signUpUrl?: string
  /** Where signOut() sends the page when the call names no redirectUrl (default: nowhere, the page stays). */
  afterSignOutUrl?: string
}

export declare function createAuthClient(options: AuthClientOptions): AuthClient
