// The current request's auth in server components (cookies and headers from next/headers).
// React's cache() makes it one verification per request, however many components ask.
import { headers } from 'next/headers'
import { cache } from 'react'
import { authenticate } from './authenticate.js'

export { frontendApiUrl, instanceOptions, initialStateOf } from './authenticate.js'

export const currentAuth = cache(async () => authenticate({ headers: await headers() }))
