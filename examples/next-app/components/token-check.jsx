'use client'
// getToken() and a fetch to the app's route handler, which verifies the token server-side.
import { useState } from 'react'
import { useAuth } from 'wasm-auth/react'

export function TokenCheck() {
  const { isSignedIn, getToken } = useAuth()
  const [result, setResult] = useState(null)

  const callApi = async () => {
    setResult({ pending: true })
    try {
      const token = await getToken()
      const response = await fetch('/api/me', { headers: token ? { authorization: `Bearer ${token}` } : {} })
      setResult({ status: response.status, body: await response.json() })
    } catch (error) {
      setResult({ error: `${error.code ?? error.name}: ${error.message}` })
    }
  }

  return (
    <section id="token">
      <h2>getToken() → route handler</h2>
      <button id="call-api" onClick={callApi}>
        GET /api/me with {isSignedIn ? 'the session token' : 'no token'}
      </button>
      {result && !result.pending && <pre id="api-result">{JSON.stringify(result, null, 2)}</pre>}
    </section>
  )
}
