// Every useAuth() state this page has seen, newest first, with the fields that changed.
import { useEffect, useRef, useState } from 'react'
import { useDemoAuth } from './demo-context.js'
import { summaryOf } from './describe.js'
import { FIELDS } from './AuthFieldsPanel.jsx'

const KEEP = 12

export function Timeline() {
  const auth = useDemoAuth()
  const [entries, setEntries] = useState([])
  const previous = useRef(null)
  useEffect(() => {
    const before = previous.current
    previous.current = auth
    const changed = before ? FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(auth[f])) : []
    if (before && changed.length === 0) return
    const entry = { at: performance.now(), summary: summaryOf(auth), changed, first: !before }
    setEntries((list) => [entry, ...list].slice(0, KEEP))
  }, [auth])
  return (
    <section className="card" id="timeline">
      <h2>State changes</h2>
      <p className="hint">
        Each new <code>useAuth()</code> state since the page loaded. Background token refreshes show up as{' '}
        <code>sessionClaims</code> changes.
      </p>
      <ol className="timeline">
        {entries.map((e) => (
          <li key={e.at}>
            <span className="time">{(e.at / 1000).toFixed(2)} s</span>
            <span>{e.summary}</span>
            <span className="hint">{e.first ? 'first render after hydration' : e.changed.join(', ')}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}
