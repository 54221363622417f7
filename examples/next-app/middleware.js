// Edge middleware: /protected needs a signed-in user. It runs wasm-auth/server's edge entry
// (the wasm compiled from fetched bytes, no Node built-ins).
import { NextResponse } from 'next/server'
import { authenticate } from './lib/auth-edge.js'

export async function middleware(request) {
  const auth = await authenticate(request)
  const runtime = typeof EdgeRuntime === 'string' ? 'edge' : 'node'
  if (auth?.isAuthenticated) {
    const response = NextResponse.next()
    response.headers.set('x-auth-user', auth.userId)
    response.headers.set('x-auth-runtime', runtime)
    return response
  }
  const home = new URL('/', request.url)
  home.searchParams.set('redirected_from', request.nextUrl.pathname)
  home.searchParams.set('reason', auth?.reason ?? 'auth-server-unreachable')
  const response = NextResponse.redirect(home)
  response.headers.set('x-auth-runtime', runtime)
  return response
}

export const config = { matcher: ['/protected/:path*'] }
