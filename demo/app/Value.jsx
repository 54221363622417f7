// A JS value shown the way a console would: undefined and null greyed, strings quoted, objects as
// JSON. Flashes when it changes.
import { useChangeCount } from './hooks.js'

export function Value({ value }) {
  if (value === undefined) return <span className="v v-empty">undefined</span>
  if (value === null) return <span className="v v-empty">null</span>
  if (typeof value === 'boolean') return <span className={`v v-bool v-${value}`}>{String(value)}</span>
  if (typeof value === 'string') return <span className="v v-string">"{value}"</span>
  if (typeof value === 'number') return <span className="v v-number">{value}</span>
  return <span className="v v-object">{JSON.stringify(value)}</span>
}

/** Wraps `children`, flashing a highlight each time `value` changes (children keep their state). */
export function Flash({ value, children }) {
  const changes = useChangeCount(value)
  return (
    <div className="flash-host">
      {changes > 0 && <span key={changes} className="flash" aria-hidden="true" />}
      {children}
    </div>
  )
}

export const Json = ({ value }) => <pre className="json">{pretty(value)}</pre>

/** JSON with two-space indents, but short arrays of plain values on one line (fva: [3, 7]). */
export function pretty(value) {
  return JSON.stringify(value, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (whole, inner) => {
    const line = `[${inner.split(/,\s+/).join(', ')}]`
    return line.length <= 72 ? line : whole
  })
}
