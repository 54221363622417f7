// Small hooks the panels share.
import { useCallback, useEffect, useRef, useState } from 'react'

/** Date.now(), refreshed every `ms` while mounted (null until the first effect: no SSR mismatch). */
export function useNow(ms = 1000) {
  const [now, setNow] = useState(null)
  useEffect(() => {
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}

/** How many times `value` has changed (by its JSON) since mount: a key that restarts an animation. */
export function useChangeCount(value) {
  const seen = useRef({ json: json(value), count: 0 })
  const now = json(value)
  if (now !== seen.current.json) seen.current = { json: now, count: seen.current.count + 1 }
  return seen.current.count
}

const json = (value) => (value === undefined ? 'undefined' : JSON.stringify(value))

/**
 * Runs async actions one at a time for a panel: `run(name, fn)`; `busy` names the running one,
 * `error` holds the last failure's message (an AuthError shows its code).
 */
export function useAction() {
  const [state, setState] = useState({ busy: null, error: null })
  const run = useCallback(async (name, fn) => {
    setState({ busy: name, error: null })
    try {
      const result = await fn()
      setState({ busy: null, error: null })
      return result
    } catch (error) {
      setState({ busy: null, error: error?.code ? `${error.code}: ${error.message}` : String(error?.message ?? error) })
      return undefined
    }
  }, [])
  return { run, ...state }
}
