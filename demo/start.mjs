// Starts the whole demo: bundles the page, starts the dev auth server (a development instance, as a
// new Clerk user starts with) and the page server, both on 127.0.0.1 (cookies are per host name,
// so the page and the auth server must share one). The page's client gets the instance's
// publishable key and reaches the server through proxyUrl.
import { startAuthServer } from '../dev-server/index.mjs'
import { loadSeed } from '../dev-server/seed.mjs'
import { bundleDemo } from './bundle.mjs'
import { startPageServer } from './page-server.mjs'

export const HOST = '127.0.0.1'

/** A failure the person running the demo can act on; the CLI prints only its message. */
export class DemoError extends Error {}

/** Resolves to `{ url, authUrl, stop() }`. Port 0 picks a free port. */
export async function startDemo({ port = 3000, authPort = 4000, tokenLifetimeSeconds = 60 } = {}) {
  const bundle = await bundleDemo()
  const auth = await listen('auth server', '--auth-port', authPort, () =>
    startAuthServer({ host: HOST, port: authPort, tokenLifetimeSeconds, instance: 'development' }),
  )
  let page
  try {
    const { users } = await (await fetch(`${auth.url}/dev/users`)).json()
    const templates = [...loadSeed().templates.keys()]
    page = await listen('demo page', '--port', port, () =>
      startPageServer({
        host: HOST,
        port,
        bundle,
        publishableKey: auth.publishableKey,
        authUrl: auth.url,
        issuer: auth.issuer,
        users,
        templates,
      }),
    )
  } catch (error) {
    await auth.stop()
    throw error
  }
  return {
    url: page.url,
    authUrl: auth.url,
    publishableKey: auth.publishableKey,
    stop: () => Promise.all([page.stop(), auth.stop()]).then(() => {}),
  }
}

async function listen(what, flag, port, start) {
  try {
    return await start()
  } catch (error) {
    if (error.code === 'EADDRINUSE') {
      throw new DemoError(
        `port ${port} (the ${what}) is already in use on ${HOST}: stop what holds it, or pick another with ${flag} <port> (0 = any free port).`,
      )
    }
    if (error.code === 'EACCES')
      throw new DemoError(`no permission to listen on port ${port} (the ${what}): pick another with ${flag} <port>.`)
    throw error
  }
}
