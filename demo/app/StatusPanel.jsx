// The client's load status (getState().status), and a switch that cuts the dev server's Frontend
// API off and brings it back (its fault injection, POST/DELETE /dev/faults): watch the page stay
// as it was while the status degrades, then recover by itself, with no reload.
import { useState } from 'react'
import { AuthDegraded, AuthFailed } from 'wasm-auth/react'
import { useClientState, useDemo } from './demo-context.js'
import { useAction } from './hooks.js'

export function StatusPanel() {
  const { authUrl } = useDemo()
  const { status, error } = useClientState()
  const [cut, setCut] = useState(false)
  const { run, busy, error: failed } = useAction()
  const faults = (method) =>
    fetch(`${authUrl}/dev/faults`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ route: '*', drop: true }) : undefined,
    }).then((res) => {
      if (!res.ok) throw new Error(`${method} /dev/faults answered ${res.status}`)
    })
  const toggle = () =>
    run('toggle', async () => {
      await faults(cut ? 'DELETE' : 'POST')
      setCut(!cut)
    })
  return (
    <section className="card" id="load-status">
      <h2>Frontend API</h2>
      <p>
        status <code id="load-status-value">{status}</code>
        {error && (
          <>
            {' '}
            · last failure <code id="load-status-error">{error.code}</code>
          </>
        )}
      </p>
      <AuthDegraded>
        <p className="hint">The Frontend API is failing: the page keeps its last known state and retries by itself.</p>
      </AuthDegraded>
      <AuthFailed>
        <p className="hint">Nothing could be loaded yet: the client keeps trying, and loads as soon as it can.</p>
      </AuthFailed>
      <button id="toggle-fapi" className="button" disabled={busy !== null} onClick={toggle}>
        {cut ? 'Bring the Frontend API back' : 'Cut the Frontend API off'}
      </button>
      <p className="hint">
        Cutting it off drops every connection to <code>{authUrl}</code>; ask for a fresh token (below) to see the status
        degrade. Bring it back: the client recovers on its own (or at once on the <code>online</code> event).
      </p>
      {failed && <p className="error">{failed}</p>}
    </section>
  )
}
