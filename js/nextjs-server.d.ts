// Types of `wasm-auth/nextjs/server`, after @clerk/nextjs/server's.
import type { NextFetchEvent, NextMiddleware, NextRequest } from 'next/server.js'
import type { ActClaim, AuthObject, CheckAuthorization, CheckAuthorizationParams, JwtPayload } from './index.js'
import type { AuthenticateRequestOptions, GetTokenOptions } from './server.js'

/**
 * authMiddleware's options; each absent one is read from Clerk's environment variable:
 * `publishableKey` (`NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY`, `CLERK_PUBLISHABLE_KEY`), `proxyUrl`
 * (`NEXT_PUBLIC_CLERK_PROXY_URL`, `CLERK_PROXY_URL`), `jwtKey` (`CLERK_JWT_KEY`), `signInUrl`
 * (`NEXT_PUBLIC_CLERK_SIGN_IN_URL`), `signUpUrl` (`NEXT_PUBLIC_CLERK_SIGN_UP_URL`),
 * `afterSignOutUrl` (`NEXT_PUBLIC_CLERK_AFTER_SIGN_OUT_URL`).
 */
export interface AuthMiddlewareOptions extends AuthenticateRequestOptions {
  /** The app's sign-in page (an http(s) URL or a path); default the instance's Account Portal. */
  signInUrl?: string
  /** The app's sign-up page; default the Account Portal's. */
  signUpUrl?: string
  /** Where the browser's signOut() goes without a redirectUrl. */
  afterSignOutUrl?: string
}

export interface RedirectOptions {
  /** Where to come back after signing in (default the request's URL; `null`: nowhere). */
  returnBackUrl?: string | URL | null
}

interface Redirects {
  /** Sends the browser to the sign-in page (throws Next's redirect). */
  redirectToSignIn(options?: RedirectOptions): never
  /** Sends the browser to the sign-up page. */
  redirectToSignUp(options?: RedirectOptions): never
}

/** Clerk's signed-in session auth object. */
export interface SignedInAuthObject extends AuthObject {
  sessionClaims: JwtPayload
  sessionId: string
  userId: string
  actor: ActClaim | null
  isAuthenticated: true
  tokenType: 'session_token'
  has: CheckAuthorization
  /** The request's session token (templates need the Backend API and reject). */
  getToken(options?: GetTokenOptions): Promise<string | null>
}

/** Signed out, or `pending` (a task left) with `sessionStatus: 'pending'`. */
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
  tokenType: 'session_token'
  has(params?: unknown): false
  getToken(options?: GetTokenOptions): Promise<null>
}

export type SessionAuthObject = (SignedInAuthObject | SignedOutAuthObject) & Redirects

export interface ProtectOptions {
  /** Where a signed-out visitor goes instead of the sign-in page (page requests) or a 404. */
  unauthenticatedUrl?: string
  /** Where a signed-in user without what was asked goes instead of a 404. */
  unauthorizedUrl?: string
}

/**
 * Lets only a signed-in user (with what `params` asks: has()'s parameters or a condition) through
 * and resolves to the auth object; otherwise redirects to sign in (a page) or answers 404.
 */
export interface AuthProtect {
  (
    params?: CheckAuthorizationParams & ProtectOptions,
    options?: ProtectOptions,
  ): Promise<SignedInAuthObject & Redirects>
  (condition: (has: CheckAuthorization) => boolean, options?: ProtectOptions): Promise<SignedInAuthObject & Redirects>
}

/** `await auth()`, and `auth.protect()`. */
export interface AuthFunction {
  (): Promise<SessionAuthObject>
  protect: AuthProtect
}

/** In server components, route handlers and server actions, behind authMiddleware. */
export declare const auth: AuthFunction

/** What the proxy's handler gets as `auth`. */
export type MiddlewareAuth = AuthFunction

export type AuthMiddlewareHandler = (
  auth: MiddlewareAuth,
  request: NextRequest,
  event: NextFetchEvent,
) => Response | void | undefined | null | Promise<Response | void | undefined | null>

/** `export default authMiddleware()` in proxy.ts (middleware.ts on the edge runtime). */
export declare function authMiddleware(
  handler: AuthMiddlewareHandler,
  options?: AuthMiddlewareOptions | ((request: NextRequest) => AuthMiddlewareOptions | Promise<AuthMiddlewareOptions>),
): NextMiddleware
export declare function authMiddleware(options?: AuthMiddlewareOptions): NextMiddleware

export type RouteMatcherParam = string | RegExp | Array<string | RegExp> | ((request: NextRequest) => boolean)

/** `(request) => boolean` for path patterns (`'/dashboard(.*)'`, `'/orgs/:slug'`), RegExps or a function. */
export declare function createRouteMatcher(routes: RouteMatcherParam): (request: NextRequest) => boolean
