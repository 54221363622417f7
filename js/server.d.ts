// Types of the server entry, `wasm-auth/server`.
import type { AuthObject, CheckAuthorization, JwtPayload, TokenVerificationErrorReason } from './index.js'

export { AuthError, TokenVerificationError } from './index.js'
export type { TokenVerificationErrorReason } from './index.js'

/** A public JWK as found in a JWKS (RSA, or EC P-256/P-384). */
export interface PublicJwk {
  kty: string
  kid?: string
  alg?: string
  use?: string
  n?: string
  e?: string
  crv?: string
  x?: string
  y?: string
  [parameter: string]: unknown
}

export interface VerifyTokenOptions {
  /** PEM public key (SPKI `PUBLIC KEY`, or PKCS#1 `RSA PUBLIC KEY`): RSA 2048-4096 bits, P-256 or P-384. Wins over `jwks`. */
  jwtKey?: string
  /** A JWK Set; the token's `kid` picks the key. Read once per object: pass a new object to change keys. */
  jwks?: { keys: PublicJwk[] }
  /** When non-empty, the token's `azp` must be one of these origins. */
  authorizedParties?: string[]
  /** When given, the token's `iss` must be one of these. */
  issuer?: string | string[]
  /** When given, the token's `aud` must name one of these (a token without `aud` fails; Clerk lets it pass). */
  audience?: string | string[]
  /** Leeway for `exp`, `nbf` and `iat`, in milliseconds. Default 5000. */
  clockSkewInMs?: number
}

/**
 * Verifies a session token without network access and returns its payload. Synchronous (an
 * `await` on it works as with Clerk's). Throws a `TokenVerificationError` with Clerk's `reason`.
 */
export declare function verifyToken(token: string, options: VerifyTokenOptions): JwtPayload

export interface AuthenticateRequestOptions extends VerifyTokenOptions {
  /** Default true, as in Clerk: a `pending` session gives a signed-out object (`reason: 'session-pending'`). */
  treatPendingAsSignedOut?: boolean
}

/** A Fetch `Request`, or anything with `headers` (a `Headers`, or a plain object as in Node's `IncomingMessage`). */
export type RequestLike =
  Request | { headers: Headers | { get(name: string): string | null } | Record<string, string | string[] | undefined> }

export interface GetTokenOptions {
  /** Not supported on the server (needs Clerk's Backend API): the promise rejects. */
  template?: string
  expiresInSeconds?: number
}

export interface SignedInAuthObject extends AuthObject {
  userId: string
  isAuthenticated: true
  reason?: undefined
  has: CheckAuthorization
  /** The request's session token (null if it has no `sid`). */
  getToken(options?: GetTokenOptions): Promise<string | null>
}

export type SignedOutReason =
  TokenVerificationErrorReason | 'session-token-missing' | 'session-pending' | 'options-invalid'

export interface SignedOutAuthObject {
  sessionClaims: null
  sessionId: null
  sessionStatus: 'pending' | null
  actor: null
  userId: null
  orgId: null
  orgRole: null
  orgSlug: null
  orgPermissions: null
  factorVerificationAge: null
  isAuthenticated: false
  reason: SignedOutReason
  has(params?: unknown): false
  getToken(options?: GetTokenOptions): Promise<null>
}

/** Never rejects for a missing or bad token: that gives a signed-out object with a `reason`. */
export declare function authenticateRequest(
  request: RequestLike,
  options: AuthenticateRequestOptions,
): Promise<SignedInAuthObject | SignedOutAuthObject>
