'use client'
// has() answers for the current state, and a block only an organization admin sees (<Show>).
import { Show, useAuth } from 'wasm-auth/nextjs'

const CHECKS = [
  { role: 'org:admin' },
  { role: 'org:member' },
  { permission: 'org:invoices:read' },
  { permission: 'org:projects:manage' },
  { feature: 'org:reports' },
  { plan: 'org:pro' },
  { reverification: 'lax' as const },
]

export function HasChecks() {
  const { has } = useAuth()
  return (
    <section id="has">
      <h2>has()</h2>
      <dl>
        {CHECKS.map((params) => {
          const key = JSON.stringify(params)
          return (
            <div key={key} style={{ display: 'contents' }}>
              <dt>
                <code>has({key})</code>
              </dt>
              <dd data-check={key}>{String(has(params))}</dd>
            </div>
          )
        })}
      </dl>
      <Show when={{ role: 'org:admin' }}>
        <p className="admin" id="admin-only">
          Organization admin tools: only <code>{"<Show when={{ role: 'org:admin' }}>"}</code> shows this.
        </p>
      </Show>
    </section>
  )
}
