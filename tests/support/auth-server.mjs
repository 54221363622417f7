// The dev auth server for browser tests, with helpers for its /dev routes.
import { startAuthServer } from '../../dev-server/index.mjs'

export async function startTestAuthServer(options = {}) {
  const server = await startAuthServer(options)
  const call = async (method, path, body) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`)
    return res.status === 204 ? null : res.json()
  }
  return {
    ...server,
    stats: () => call('GET', '/dev/stats'),
    fault: (spec) => call('POST', '/dev/faults', spec),
    clearFaults: () => call('DELETE', '/dev/faults'),
    config: (spec) => call('POST', '/dev/config', spec),
    reset: () => call('POST', '/dev/reset'),
  }
}
