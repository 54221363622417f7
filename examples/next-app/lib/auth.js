// The current request's auth in server components (cookies and headers from next/headers).
// React's cache() makes it one verification per request, however many components ask.
import { headers } from 'next/headers'
import { cache } from 'react'
import { authenticate } from './auth-edge.js'

export { authUrl, initialStateOf } from './auth-edge.js'

export const currentAuth = cache(async () => authenticate({ headers: await headers() }))

/** The app's own origin, for the dev auth server's sign-in redirect back here. */
export async function appOrigin() {
  if (process.env.APP_URL) return process.env.APP_URL.replace(/\/$/, '')
  const h = await headers()
  return `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host')}`
}
