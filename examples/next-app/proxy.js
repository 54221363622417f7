// Edge middleware, on every page: it answers the handshake Clerk's rules ask for (a redirect to the
// auth server, which sends the browser back with fresh cookies, so a page is never first painted
// signed out because its session token expired while the tab was closed), passes on the cookies
// a completed handshake sets, and sends signed-out visitors of /protected home. It runs
// wasm-auth/server's edge entry (the wasm compiled from fetched bytes, no Node built-ins).
import { NextResponse } from 'next/server'
import { authenticate } from './lib/auth-edge.js'

export async function middleware(request) {
  const auth = await authenticate(request)
  const runtime = typeof EdgeRuntime === 'string' ? 'edge' : 'node'
  if (auth.headers.get('location')) {
    const response = new NextResponse(null, { status: 307, headers: auth.headers })
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
  for (const cookie of auth.headers.getSetCookie()) response.headers.append('set-cookie', cookie)
  response.headers.set('x-auth-runtime', runtime)
  return response
}

// Pages only: not the route handlers (they answer API calls, never with a redirect), not assets.
export const config = { matcher: ['/((?!api/|_next/|icon.svg|favicon.ico).*)'] }
