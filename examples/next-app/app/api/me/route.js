// Verifies the bearer token (or the __session cookie) server-side and answers with who it is.
import { authenticate } from '../../../lib/authenticate.js'

export const dynamic = 'force-dynamic'

export async function GET(request) {
  const auth = await authenticate(request)
  if (auth.reason === 'jwk-remote-failed-to-load')
    return Response.json({ error: 'auth server unreachable' }, { status: 503 })
  if (!auth.isAuthenticated) return Response.json({ signedIn: false, reason: auth.reason }, { status: 401 })
  return Response.json({
    signedIn: true,
    userId: auth.userId,
    sessionId: auth.sessionId,
    orgId: auth.orgId,
    orgRole: auth.orgRole,
    orgSlug: auth.orgSlug,
    admin: auth.has({ role: 'org:admin' }),
    tokenFrom: request.headers.get('authorization') ? 'bearer' : 'cookie',
  })
}
