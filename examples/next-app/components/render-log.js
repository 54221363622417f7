// Every render of <AuthStatus>, in the browser: what useAuth() said and when (performance.now(),
// milliseconds since navigation start). The end-to-end test reads window.__authRenders to prove
// there is no `isLoaded: false` frame and to time the first loaded render.
export function logRender(auth) {
  if (typeof window === 'undefined') return
  const { isLoaded, isSignedIn, userId, orgId } = auth
  ;(window.__authRenders ??= []).push({ isLoaded, isSignedIn, userId, orgId, at: performance.now() })
}
