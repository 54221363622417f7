import { auth } from 'wasm-auth/nextjs/server'

// Who the request is, from the proxy's verdict on its bearer token (or its session cookie).
export async function GET(request: Request) {
  const { isAuthenticated, userId, sessionId, orgId, orgRole, orgSlug, has } = await auth()
  if (!isAuthenticated) return Response.json({ signedIn: false }, { status: 401 })
  const tokenFrom = request.headers.get('authorization') ? 'bearer' : 'cookie'
  return Response.json({
    signedIn: true,
    userId,
    sessionId,
    orgId,
    orgRole,
    orgSlug,
    admin: has({ role: 'org:admin' }),
    tokenFrom,
  })
}
