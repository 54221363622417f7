// The proxy (Next 16's middleware, on Node.js): it answers handshakes, sets the session cookies and
// hands its verdict to the pages and route handlers behind it. /protected needs a signed-in user:
// others go to the sign-in page and come back. APP_URL, when set, is the only origin whose
// session tokens are accepted (their `azp`).
import { authMiddleware, createRouteMatcher } from 'wasm-auth/nextjs/server'

const isProtected = createRouteMatcher(['/protected(.*)'])

export default authMiddleware(
  async (auth, request) => {
    if (isProtected(request)) await auth.protect()
  },
  { authorizedParties: process.env.APP_URL ? [process.env.APP_URL] : undefined },
)

// Every page and route handler; not Next's files nor static assets.
export const config = {
  matcher: [
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
}
