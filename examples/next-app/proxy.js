// The proxy (Next 16's name for middleware; it runs on Node.js), on every page: it answers what
// authenticateRequest asks for, as Clerk's clerkMiddleware does. A `handshake` (no session token
// yet after sign-in, one that expired while the tab was closed, a development browser without a
// dev browser) is a redirect to the Frontend API, which sends the browser back with fresh cookies,
// so a page is never first painted signed out or unloaded; a completed handshake's cookies (and,
// on a development instance, its redirect to the clean URL) go out with the answer. Signed-out
// visitors of /protected are sent home.
import { NextResponse } from 'next/server'
import { authenticate } from './lib/authenticate.js'

export async function proxy(request) {
  const auth = await authenticate(request)
  const runtime = typeof EdgeRuntime === 'string' ? 'edge' : 'node'
  const location = auth.headers.get('location')
  if (location) {
    // A redirect on the app's own origin comes relative (the path and query), so that no Host or
    // X-Forwarded-Host a client sends can point it elsewhere; Next's proxy takes absolute URLs
    // only, so it is resolved here on the URL Next serves (its own host and port).
    const headers = new Headers(auth.headers)
    headers.set('location', new URL(location, request.nextUrl).href)
    const response = new NextResponse(null, { status: 307, headers })
    response.headers.set('x-auth-runtime', runtime)
    return response
  }
  let response
  if (request.nextUrl.pathname.startsWith('/protected') && !auth.isAuthenticated) {
    const home = new URL('/', request.url)
    home.searchParams.set('redirected_from', request.nextUrl.pathname)
    home.searchParams.set('reason', auth.reason ?? 'session-pending')
    response = NextResponse.redirect(home)
  } else {
    response = NextResponse.next()
    if (auth.isAuthenticated) response.headers.set('x-auth-user', auth.userId)
  }
  // A production handshake comes back in a cookie: its cookies are set with this very page, which
  // the server components render from the same request (they complete the same handshake).
  for (const cookie of auth.headers.getSetCookie()) response.headers.append('set-cookie', cookie)
  response.headers.set('x-auth-runtime', runtime)
  return response
}

// Pages only: not the route handlers (they answer API calls, never with a redirect), not assets.
export const config = { matcher: ['/((?!api/|_next/|icon.svg|favicon.ico).*)'] }
