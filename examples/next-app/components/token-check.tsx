'use client'
// getToken() and a fetch to the app's route handler, which answers from the proxy's verdict.
import { useState } from 'react'
import { useAuth } from 'wasm-auth/nextjs'

export function TokenCheck() {
  const { isSignedIn, getToken } = useAuth()
  const [result, setResult] = useState<object | null>(null)

  const callApi = async () => {
    try {
      const token = await getToken()
      const response = await fetch('/api/me', { headers: token ? { authorization: `Bearer ${token}` } : {} })
      setResult({ status: response.status, body: await response.json() })
    } catch (error) {
      const { code, name, message } = error as { code?: string; name: string; message: string }
      setResult({ error: `${code ?? name}: ${message}` })
    }
  }

  return (
    <section id="token">
      <h2>getToken() → route handler</h2>
      <button id="call-api" onClick={callApi}>
        GET /api/me with {isSignedIn ? 'the session token' : 'no token'}
      </button>
      {result && <pre id="api-result">{JSON.stringify(result, null, 2)}</pre>}
    </section>
  )
}
