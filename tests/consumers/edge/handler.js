// An edge function as Vercel-style code is written: a fetch handler using wasm-auth/server for the
// request and the core for a client. The test bundles it with esbuild and runs the bundle in the
// edge-runtime package; the dev auth server's key and URL come in the request's query.
import { createAuthClient } from 'wasm-auth'
import { authenticateRequest } from 'wasm-auth/server'

addEventListener('fetch', (event) => event.respondWith(handle(event.request)))

async function handle(request) {
  const query = new URL(request.url).searchParams
  const options = { publishableKey: query.get('key'), proxyUrl: query.get('api') }
  const auth = await authenticateRequest(request, options)
  const client = createAuthClient(options)
  await client.load()
  return Response.json({
    status: auth.status,
    userId: auth.userId,
    admin: auth.has({ role: 'org:admin' }),
    member: auth.has({ role: 'org:member' }),
    client: { isLoaded: client.getState().isLoaded, userId: client.getState().userId },
  })
}
