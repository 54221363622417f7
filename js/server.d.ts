// Types of the server entry, `wasm-auth/server`.
import type { AuthObject, CheckAuthorization, JwtPayload, TokenVerificationErrorReason } from './index.js'

export { AuthError, TokenVerificationError } from './index.js'
export type { TokenVerificationErrorReason } from './index.js'

/** A public JWK as found in a JWKS (RSA, or EC P-256/P-384). */
export interface PublicJwk {
  kty: string
  kid?: string
  /** When present, the only algorithm the key verifies; anything but a known algorithm's name makes it unusable. */
  alg?: string
  /** When present, `sig` (other uses leave the key out). */
  use?: string
  /** When present, must include `verify` (otherwise the key is left out). */
  key_ops?: string[]
  n?: string
  e?: string
  crv?: string
  x?: string
  y?: string
  [parameter: string]: unknown
}

/** The checks of a verification, with the keys given directly: what verifyTokenSync takes. */
export interface VerifyTokenSyncOptions {
  /** PEM public key (SPKI `PUBLIC KEY`, or PKCS#1 `RSA PUBLIC KEY`): RSA 2048-4096 bits, P-256 or P-384. Wins over `jwks`. */
  jwtKey?: string
  /** A JWK Set; the token's `kid` picks the key. Its content is read on each call: changing the object changes the keys. */
  jwks?: { keys: PublicJwk[] }
  /** When non-empty, the token's `azp` must be one of these origins (a string is one origin). */
  authorizedParties?: string | string[]
  /** When given, the token's `iss` must be one of these. */
  issuer?: string | string[]
  /** When given, the token's `aud` must name one of these (a token without `aud` fails; Clerk lets it pass). */
  audience?: string | string[]
  /** Leeway for `exp`, `nbf` and `iat`, in milliseconds. Default 5000. */
  clockSkewInMs?: number
}

/**
 * Where the instance's keys are fetched from when neither `jwtKey` nor `jwks` is given: these
 * options alone, never the request (its Host, forwarded headers, cookies, or the token's `iss`
 * or `kid`).
 */
export interface InstanceOptions {
  /** Clerk's publishable key, `pk_test_…` (development) or `pk_live_…` (production): the Frontend API and the instance kind. */
  publishableKey?: string
  /**
   * The Frontend API behind the app's own origin: an http(s) URL (wins over `frontendApi`, keys
   * included), or a path (`/__clerk`) where handshakes send the browser, as a relative Location.
   * With a path the keys come from `frontendApi` or the publishable key's Frontend API; a path
   * with neither (and no `jwtKey`, `jwks` or `jwksUrl`) is an `AuthError` `options-invalid`.
   */
  proxyUrl?: string
  /** The Frontend API, a host or a URL; wins over the publishable key's. */
  frontendApi?: string
  /** The JWKS to fetch, an absolute http(s) URL (anything else is `options-invalid`); default `<Frontend API>/.well-known/jwks.json`. */
  jwksUrl?: string
  /** How long a fetched JWKS is used before it is fetched again. Default 300000 (Clerk's five minutes). */
  jwksCacheTtlInMs?: number
  /** The least time between two fetches after a failure or for an unknown `kid`. Default 30000. */
  jwksCooldownInMs?: number
  /** How long a JWKS fetch may take before it fails with `jwk-remote-failed-to-load`. Default 5000. */
  jwksTimeoutInMs?: number
}

export interface VerifyTokenOptions extends VerifyTokenSyncOptions, InstanceOptions {}

/**
 * Verifies a session token and resolves to its payload, as Clerk's does; rejects with a
 * `TokenVerificationError` carrying Clerk's `reason`. Without `jwtKey` or `jwks`, the keys are
 * fetched from the instance's JWKS and cached.
 */
export declare function verifyToken(token: string, options: VerifyTokenOptions): Promise<JwtPayload>

/** verifyToken without a promise, for hot paths: the keys must be given (`jwtKey` or `jwks`). */
export declare function verifyTokenSync(token: string, options: VerifyTokenSyncOptions): JwtPayload

export interface AuthenticateRequestOptions extends VerifyTokenOptions {
  /** Default true, as in Clerk: a `pending` session gives a signed-out auth object (its `status` stays `signed-in`). */
  treatPendingAsSignedOut?: boolean
  /** Not supported: satellite domains throw an `AuthError` (`options-invalid`). */
  isSatellite?: false
}

/**
 * A Fetch `Request`, or anything with `headers` (a `Headers`, or a plain object as in Node's
 * `IncomingMessage`), and optionally `url` (absolute, or a path resolved against `host`) and
 * `method` (default `GET`). Without a URL no handshake can be offered.
 */
export type RequestLike =
  | Request
  | {
      headers: Headers | { get(name: string): string | null } | Record<string, string | string[] | undefined>
      url?: string
      method?: string
    }

export interface GetTokenOptions {
  /** Not supported on the server (needs Clerk's Backend API): the promise rejects. */
  template?: string
  expiresInSeconds?: number
}

/** Clerk's reasons for a request that is not signed in, besides a token's own. */
export type AuthStateReason =
  | 'session-token-and-uat-missing'
  | 'session-token-missing'
  | 'session-token-but-no-client-uat'
  | 'client-uat-but-no-session-token'
  | 'session-token-iat-before-client-uat'
  | 'session-token-expired-refresh-non-eligible-no-refresh-cookie'
  | 'session-token-expired-refresh-non-eligible-non-get'
  | 'session-token-nbf'
  | 'session-token-iat-in-the-future'
  | 'dev-browser-missing'
  | 'dev-browser-sync'
  | 'token-type-mismatch'
  | 'unexpected-error'

export type SignedOutReason = TokenVerificationErrorReason | AuthStateReason

interface RequestStateParts {
  /** What to answer with: the handshake redirect, cookies to set, Clerk's `x-clerk-auth-*` headers. Not enumerable. */
  readonly headers: Headers
}

export interface SignedInAuthObject extends AuthObject, RequestStateParts {
  userId: string
  isAuthenticated: true
  status: 'signed-in'
  reason: null
  has: CheckAuthorization
  /** The request's session token (null if it has no `sid`). */
  getToken(options?: GetTokenOptions): Promise<string | null>
}

interface SignedOutFields {
  sessionClaims: null
  sessionId: null
  actor: null
  userId: null
  orgId: null
  orgRole: null
  orgSlug: null
  orgPermissions: null
  factorVerificationAge: null
  isAuthenticated: false
  has(params?: unknown): false
  getToken(options?: GetTokenOptions): Promise<null>
}

export interface SignedOutAuthObject extends SignedOutFields, RequestStateParts {
  sessionStatus: null
  status: 'signed-out'
  reason: SignedOutReason
}

/** A signed-in request whose session is `pending` (a task left), with treatPendingAsSignedOut. */
export interface PendingAuthObject extends SignedOutFields, RequestStateParts {
  sessionStatus: 'pending'
  status: 'signed-in'
  reason: null
}

/** Answer with `headers` (a redirect to the Frontend API's handshake) instead of a page. */
export interface HandshakeAuthObject extends SignedOutFields, RequestStateParts {
  sessionStatus: null
  status: 'handshake'
  reason: SignedOutReason
}

/**
 * Authenticates a request as Clerk's `authenticateRequest` does; never rejects for a missing or
 * bad token (that gives `signed-out` with a `reason`, or a `handshake` to answer with).
 */
export declare function authenticateRequest(
  request: RequestLike,
  options: AuthenticateRequestOptions,
): Promise<SignedInAuthObject | SignedOutAuthObject | PendingAuthObject | HandshakeAuthObject>
