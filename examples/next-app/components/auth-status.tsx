'use client'
// What useAuth() says, field by field.
import { useAuth } from 'wasm-auth/nextjs'
import { logRender } from './render-log'

const show = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value))

export function AuthStatus() {
  const auth = useAuth()
  logRender(auth)
  const { isLoaded, isSignedIn, userId, sessionId, orgId, orgRole, orgSlug, actor } = auth
  const fields = { userId, sessionId, orgId, orgRole, orgSlug, actor }
  return (
    <section id="auth-status" data-loaded={String(isLoaded)} data-signed-in={String(isSignedIn)}>
      <h2>useAuth()</h2>
      <p id="status">{!isLoaded ? 'Loading…' : isSignedIn ? `Signed in as ${userId}` : 'Signed out'}</p>
      <dl>
        {Object.entries(fields).map(([name, value]) => (
          <div key={name} style={{ display: 'contents' }}>
            <dt>{name}</dt>
            <dd id={name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}>{show(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
