// The current request's auth in server components (cookies and headers from next/headers).
import { headers } from 'next/headers'
import { authenticate } from './auth-edge.js'

export { authUrl, initialStateOf } from './auth-edge.js'

export async function currentAuth() {
  return authenticate({ headers: await headers() })
}

/** The app's own origin, for the dev auth server's sign-in redirect back here. */
export async function appOrigin() {
  if (process.env.APP_URL) return process.env.APP_URL.replace(/\/$/, '')
  const h = await headers()
  return `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host')}`
}
