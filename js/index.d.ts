// Types of the core entry, `wasm-auth`.

export type AuthErrorCode = 'token-invalid' | 'claims-invalid' | 'options-invalid' | (string & {})

/** Everything wasm-auth throws. Switch on `code`; messages may change. */
export declare class AuthError extends Error {
  constructor(code: string, message: string, options?: ErrorOptions)
  readonly name: 'AuthError' | 'TokenVerificationError'
  readonly code: AuthErrorCode
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
  | ReverificationPreset
  | { level: 'first_factor' | 'second_factor' | 'multi_factor'; afterMinutes: number }

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
