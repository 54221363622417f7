// Injected failures and request counters, so client tests can prove retries, deduplication and
// timeouts against real HTTP instead of mocks.

export const ROUTE_KINDS = [
  'client',
  'tokens',
  'templateTokens',
  'touch',
  'signOut',
  'devBrowser',
  'environment',
  'handshake',
]
const FAULT_ROUTES = [...ROUTE_KINDS, '*']
const FAULT_STATUSES = [400, 403, 429, 500, 502, 503, 504]

export function createStats() {
  let counts
  const reset = () => {
    counts = Object.fromEntries([...ROUTE_KINDS, 'total'].map((k) => [k, 0]))
  }
  reset()
  return {
    reset,
    // `kind` is null for Frontend API requests outside the named kinds: they still count in total.
    count(kind) {
      if (kind) counts[kind] += 1
      counts.total += 1
    },
    snapshot: () => ({ ...counts }),
  }
}

// Returns { fault } or { error } (a message for a 400 answer).
export function parseFault(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: 'the body must be a JSON object' }
  const { route = '*', status, latencyMs = 0, drop = false, times = null } = body
  if (!FAULT_ROUTES.includes(route)) return { error: `route must be one of ${FAULT_ROUTES.join(', ')}` }
  if (status !== undefined && !FAULT_STATUSES.includes(status))
    return { error: `status must be one of ${FAULT_STATUSES.join(', ')}` }
  if (!Number.isFinite(latencyMs) || latencyMs < 0) return { error: 'latencyMs must be a number >= 0' }
  if (typeof drop !== 'boolean') return { error: 'drop must be a boolean' }
  if (times !== null && !(Number.isInteger(times) && times > 0)) return { error: 'times must be a positive integer' }
  if (status !== undefined && drop)
    return { error: 'a fault either answers a status or drops the connection, not both' }
  if (status === undefined && !drop && latencyMs === 0) return { error: 'a fault needs status, drop or latencyMs' }
  return { fault: { route, status: status ?? null, latencyMs, drop, remaining: times } }
}

export function createFaults() {
  let faults = []
  return {
    add(fault) {
      faults.push(fault)
    },
    clear() {
      faults = []
    },
    list: () => faults.map((f) => ({ ...f })),
    // The first registered fault matching this request kind, used up by one; null when none applies.
    take(kind) {
      const fault = faults.find((f) => f.route === '*' || f.route === kind)
      if (!fault) return null
      if (fault.remaining !== null && --fault.remaining === 0) faults = faults.filter((f) => f !== fault)
      return fault
    },
  }
}
