// The page header: the current state in one line, and sign-out.
import { useClientState, useDemoAuth } from './demo-context.js'
import { shapeOf, summaryOf } from './describe.js'
import { useAction } from './hooks.js'

export function Header() {
  const auth = useDemoAuth()
  // A pending session reads as signed out through useAuth(), yet it can still be signed out of.
  const { sessionId, sessionStatus } = useClientState()
  const pendingHidden = !auth.isSignedIn && sessionId && sessionStatus === 'pending'
  const { run, busy, error } = useAction()
  return (
    <header className="header">
      <div>
        <h1>wasm-auth demo</h1>
        <p className="tagline">
          Clerk-compatible <code>useAuth()</code>, <code>has()</code> and <code>getToken()</code> with a
          Rust/WebAssembly core, against the local dev auth server.
        </p>
      </div>
      <div className="header-state">
        <span
          className={`pill pill-${auth.isSignedIn ? 'in' : auth.isLoaded ? 'out' : 'loading'}`}
          id="status"
          title={shapeOf(auth)}
        >
          {summaryOf(auth)}
          {pendingHidden ? ' (session pending)' : ''}
        </span>
        {(auth.isSignedIn || pendingHidden) && (
          <button
            id="sign-out"
            className="button"
            disabled={busy !== null}
            onClick={() => run('signOut', () => auth.signOut())}
          >
            {busy ? 'Signing out…' : 'Sign out'}
          </button>
        )}
        {error && <span className="error">{error}</span>}
      </div>
    </header>
  )
}
