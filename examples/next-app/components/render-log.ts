// Every render of <AuthStatus>, in the browser: what useAuth() said and when (performance.now(),
// milliseconds since navigation start). The repository's test reads window.__authRenders to prove
// there is no `isLoaded: false` frame and to time the first loaded render.
type Render = { isLoaded: boolean; isSignedIn?: boolean; userId?: string | null; orgId?: string | null; at: number }
declare global {
  interface Window {
    __authRenders?: Render[]
  }
}

export function logRender({ isLoaded, isSignedIn, userId, orgId }: Omit<Render, 'at'>) {
  if (typeof window === 'undefined') return
  ;(window.__authRenders ??= []).push({ isLoaded, isSignedIn, userId, orgId, at: performance.now() })
}
