// wasm-auth/nextjs/server: authMiddleware() for proxy.ts (middleware.ts on the edge runtime),
// createRouteMatcher() and auth() for server components, route handlers and server actions, with
// the shapes and the handler form of @clerk/nextjs's clerkMiddleware, createRouteMatcher and auth
// (packages/nextjs/src/server/clerkMiddleware.ts, routeMatcher.ts, protect.ts and
// app-router/server/auth.ts). Next's own modules are imported when first needed, so that this
// entry loads in plain Node too (its tests, tools that read its exports).
import { authenticateRequest } from 'wasm-auth/server'
import { AuthError } from './core/errors.js'
import { clientProps, nameSources, resolveConfig } from './nextjs/nextjs-env.js'
import { isPageRequest, pageLocation } from './nextjs/nextjs-redirect.js'
import { readRequest } from './server/request.js'
import { authObjectOf, signVerdict, verdictFor, SIGNATURE, VERDICT } from './nextjs/nextjs-verdict.js'

// What auth.protect() and redirectToSignIn() throw inside the proxy's handler, answered by
// authMiddleware as a response (Clerk's control-flow errors: a handler need not `return` them).
const CONTROL = Symbol('wasm-auth/nextjs control flow')
const control = (answer) => {
  throw Object.assign(new Error(`wasm-auth/nextjs: ${answer.kind}`), { [CONTROL]: answer })
}

const noPage = (kind) => {
  throw new AuthError(
    'options-invalid',
    `wasm-auth/nextjs: no ${kind} page: set NEXT_PUBLIC_CLERK_${kind === 'sign-in' ? 'SIGN_IN' : 'SIGN_UP'}_URL or a publishable key.`,
  )
}

/**
 * Clerk's createProtect: signed out (or pending), to `unauthenticatedUrl`, else the sign-in page
 * for a page request and not found for others; signed in without what `params` asks (has()'s
 * parameters, or `(has) => boolean`), to `unauthorizedUrl`, else not found.
 */
function protectWith(auth, [first, second], { page, redirect, notFound, redirectToSignIn }) {
  const option = (name) => first?.[name] ?? second?.[name]
  if (!auth.userId || auth.sessionStatus === 'pending') {
    const to = option('unauthenticatedUrl')
    return to ? redirect(to) : page ? redirectToSignIn() : notFound()
  }
  const asked =
    typeof first === 'function' ||
    ['role', 'permission', 'feature', 'plan', 'reverification'].some((k) => first?.[k] !== undefined)
  if (!asked || (typeof first === 'function' ? first(auth.has) : auth.has(first))) return auth
  const to = option('unauthorizedUrl')
  return to ? redirect(to) : notFound()
}

/**
 * `authMiddleware()`, `authMiddleware(options)`, `authMiddleware(handler, options?)`: answers
 * handshakes (a redirect with its cookies), runs `handler(auth, request, event)`, sets the cookies
 * authenticateRequest asks for, and hands its verdict to the pages and route handlers behind it.
 * `options` (or `(request) => options`) override the environment (nextjs-env.js).
 */
export function authMiddleware(...args) {
  const [handler, given] = typeof args[0] === 'function' ? args : [undefined, args[0]]
  return async function middleware(request, event) {
    const config = resolveConfig((typeof given === 'function' ? await given(request) : given) ?? {})
    const { NextResponse } = await import('next/server')
    let state
    try {
      state = await authenticateRequest(request, config.options)
    } catch (error) {
      throw nameSources(error, config.from)
    }
    // Next wants an absolute Location; the handshake's own is relative on the app's origin (no
    // forged Host can move it), so it is resolved on the URL Next serves, which Next makes
    // relative again when it answers.
    const absolute = (location) => new URL(location, request.nextUrl).href
    const handshake = state.headers.get('location')
    if (handshake) {
      const headers = new Headers(state.headers)
      headers.set('location', absolute(handshake))
      return new NextResponse(null, { status: 307, headers })
    }

    const token = state.isAuthenticated ? await state.getToken() : null
    // The URL to come back to after signing in, as the handshake's redirect_url is made (from Host
    // and the forwarded headers, as Clerk's clerkUrl): Next's own nextUrl says `localhost` for
    // 127.0.0.1. The Account Portal checks it against the instance's allowed origins.
    const { url, cookies } = readRequest(request)
    const verdict = {
      status: state.status,
      reason: state.reason,
      token,
      sessionStatus: state.sessionStatus,
      url: url?.href ?? null,
      devBrowser: url?.searchParams.get('__clerk_db_jwt') || cookies.get('__clerk_db_jwt') || null,
      options: clientProps(config),
    }
    const object = authObjectOf(token, state.sessionStatus)
    const toPage =
      (kind) =>
      ({ returnBackUrl } = {}) => {
        const back = returnBackUrl === null ? undefined : (returnBackUrl ?? verdict.url ?? undefined)
        const location = pageLocation(config.options, kind, { returnBackUrl: back, devBrowser: verdict.devBrowser })
        return control({ kind: 'redirect', location: location ?? noPage(kind) })
      }
    const redirects = { redirectToSignIn: toPage('sign-in'), redirectToSignUp: toPage('sign-up') }
    const auth = async () => ({ ...object, ...redirects })
    auth.protect = async (...params) =>
      protectWith(object, params, {
        page: isPageRequest(request.headers),
        redirect: (location) => control({ kind: 'redirect', location }),
        notFound: () => control({ kind: 'not-found' }),
        redirectToSignIn: redirects.redirectToSignIn,
      })

    let response
    try {
      response = (await handler?.(auth, request, event)) ?? NextResponse.next()
    } catch (error) {
      const answer = error?.[CONTROL]
      if (!answer) throw error
      // Not found: a rewrite to a path no app has renders the app's own 404 page, as Clerk does.
      response =
        answer.kind === 'redirect'
          ? NextResponse.redirect(absolute(answer.location), 307)
          : NextResponse.rewrite(new URL('/__wasm-auth/not-found', request.nextUrl))
    }
    for (const [name, value] of state.headers) response.headers.append(name, value)
    if (!response.headers.has('location')) passToRequest(response, request, await signVerdict(verdict))
    return response
  }
}

// Next's protocol for a proxy that changes the request headers the app sees (what
// `NextResponse.next({ request: { headers } })` writes): the list of the request's headers, then
// each one's value. A verdict header the client sent is overwritten, never passed on.
const OVERRIDE = 'x-middleware-override-headers'
function passToRequest(response, request, added) {
  const names = new Set((response.headers.get(OVERRIDE) ?? '').split(',').filter(Boolean))
  if (!response.headers.has(OVERRIDE)) {
    for (const [name, value] of request.headers) {
      if (name === VERDICT || name === SIGNATURE) continue
      names.add(name)
      response.headers.set(`x-middleware-request-${name}`, value)
    }
  }
  for (const [name, value] of Object.entries(added)) {
    names.add(name)
    response.headers.set(`x-middleware-request-${name}`, value)
  }
  response.headers.set(OVERRIDE, [...names].join(','))
}

/**
 * A test of requests for the proxy's handler: `(request) => boolean`. Takes path patterns as
 * Clerk's do (`'/dashboard(.*)'`, `'/orgs/:slug'`: a group in parentheses is a regular expression,
 * `:name` one path segment, the rest literal; case-insensitive, an optional trailing slash),
 * regular expressions, a list of both, or a function of the request.
 */
export function createRouteMatcher(routes) {
  if (typeof routes === 'function') return (request) => Boolean(routes(request))
  const patterns = (Array.isArray(routes) ? routes : [routes]).map(patternOf)
  return (request) => {
    const path = request.nextUrl?.pathname ?? new URL(request.url).pathname
    return patterns.some((pattern) => pattern.test(path))
  }
}

function patternOf(route) {
  if (route instanceof RegExp) return route
  if (typeof route !== 'string')
    throw new AuthError('options-invalid', 'createRouteMatcher takes paths, RegExps or a function.')
  let source = ''
  for (let i = 0; i < route.length;) {
    if (route[i] === '(') {
      let depth = 0
      let j = i
      for (; j < route.length; j++) {
        if (route[j] === '\\') j++
        else if (route[j] === '(') depth++
        else if (route[j] === ')' && --depth === 0) break
      }
      source += route.slice(i, j + 1)
      i = j + 1
    } else if (route[i] === ':' && /\w/.test(route[i + 1] ?? '')) {
      const name = /^:\w+/.exec(route.slice(i))[0]
      source += '([^/]+?)'
      i += name.length
    } else {
      source += route[i].replace(/[.*+?^${}|[\]\\/]/g, '\\$&')
      i++
    }
  }
  try {
    return new RegExp(`^${source}[/#\\?]?$`, 'i')
  } catch (cause) {
    throw new AuthError('options-invalid', `createRouteMatcher: ${route} is not a valid pattern.`, { cause })
  }
}

/**
 * The request's auth object in server components, route handlers and server actions: the proxy's
 * verdict (checked, not verified again), with redirectToSignIn() and redirectToSignUp(), which
 * redirect through next/navigation. Without authMiddleware in front, an AuthError says so.
 */
export async function auth() {
  const [{ headers }, navigation] = await Promise.all([import('next/headers'), import('next/navigation')])
  const request = await headers()
  const verdict = await verdictFor(request, { requireProxy: true, caller: 'auth()' })
  const options = verdict.options ?? clientProps(resolveConfig())
  const toPage =
    (kind) =>
    ({ returnBackUrl } = {}) => {
      const back = returnBackUrl === null ? undefined : (returnBackUrl ?? verdict.url)
      const location = pageLocation(options, kind, { returnBackUrl: back, devBrowser: verdict.devBrowser })
      return navigation.redirect(location ?? noPage(kind))
    }
  const object = authObjectOf(verdict.token, verdict.sessionStatus)
  return Object.assign(object, { redirectToSignIn: toPage('sign-in'), redirectToSignUp: toPage('sign-up') })
}

/** auth() that lets only a signed-in user (with what `params` asks) through: Clerk's auth.protect(). */
auth.protect = async (...params) => {
  const [{ headers }, navigation, object] = await Promise.all([
    import('next/headers'),
    import('next/navigation'),
    auth(),
  ])
  return protectWith(object, params, {
    page: isPageRequest(await headers()),
    redirect: navigation.redirect,
    notFound: navigation.notFound,
    redirectToSignIn: object.redirectToSignIn,
  })
}
