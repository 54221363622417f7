// getToken(): call it with template / organization / skipCache / leeway options and see the token,
// its claims, its expiry, and whether the auth server was asked (its token count before and after).
import { useState } from 'react'
import { decodeJwt } from 'wasm-auth'
import { useDemo, useDemoAuth, useSeededUser } from './demo-context.js'
import { tokenRequestCount } from './actions.js'
import { useAction, useNow } from './hooks.js'
import { Json } from './Value.jsx'

const HISTORY = 6
const ACTIVE = '(active)'
const PERSONAL = '(personal)'

export function TokenPanel() {
  const { authUrl, templates } = useDemo()
  const auth = useDemoAuth()
  const user = useSeededUser(auth.userId)
  const [form, setForm] = useState({ template: '', organization: ACTIVE, skipCache: false, leeway: '' })
  const [calls, setCalls] = useState([])
  const { run, busy, error } = useAction()
  const options = optionsFrom(form)

  const call = () =>
    run('getToken', async () => {
      const before = await tokenRequestCount(authUrl)
      const started = performance.now()
      const jwt = await auth.getToken(options)
      const ms = performance.now() - started
      const after = await tokenRequestCount(authUrl)
      const result = { text: callText(options), jwt, ms, before, after, decoded: jwt ? decodeJwt(jwt) : null }
      setCalls((list) => [{ ...result, n: (list[0]?.n ?? 0) + 1 }, ...list].slice(0, HISTORY))
    })

  const set =
    (key, read = (e) => e.target.value) =>
    (e) =>
      setForm((f) => ({ ...f, [key]: read(e) }))
  const latest = calls[0]
  return (
    <section className="card" id="token">
      <h2>
        <code>getToken()</code>
      </h2>
      <div className="token-form">
        <label>
          <span>template</span>
          <select name="template" value={form.template} onChange={set('template')}>
            <option value="">(session token)</option>
            {templates.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>organizationId</span>
          <select name="organization" value={form.organization} onChange={set('organization')}>
            <option value={ACTIVE}>(omitted: active)</option>
            <option value={PERSONAL}>null (personal)</option>
            {(user?.organization_memberships ?? []).map((m) => (
              <option key={m.organization.id} value={m.organization.id}>
                {m.organization.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>leewayInSeconds</span>
          <input name="leeway" type="number" min="0" placeholder="10" value={form.leeway} onChange={set('leeway')} />
        </label>
        <label className="check">
          <input
            name="skipCache"
            type="checkbox"
            checked={form.skipCache}
            onChange={set('skipCache', (e) => e.target.checked)}
          />
          skipCache
        </label>
      </div>
      <div className="answer-row">
        <code className="call">{callText(options)}</code>
        <button id="get-token" className="button" disabled={busy !== null} onClick={call}>
          {busy ? 'Waiting…' : 'Call getToken()'}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {latest && <TokenResult call={latest} />}
      {calls.length > 0 && <History calls={calls} />}
    </section>
  )
}

function optionsFrom(form) {
  const options = {}
  if (form.template) options.template = form.template
  if (form.organization === PERSONAL) options.organizationId = null
  else if (form.organization !== ACTIVE) options.organizationId = form.organization
  if (form.skipCache) options.skipCache = true
  if (form.leeway !== '') options.leewayInSeconds = Number(form.leeway)
  return options
}

function callText(options) {
  const entries = Object.entries(options)
  if (entries.length === 0) return 'getToken()'
  return `getToken({ ${entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : v}`).join(', ')} })`
}

/** Where the token came from, judged by the auth server's count of token requests. */
function sourceOf(call) {
  if (call.jwt === null) return { label: 'null: no session', kind: 'none' }
  const asked = call.after - call.before
  return asked === 0
    ? { label: 'cache hit', kind: 'hit' }
    : { label: `from the server (${asked} request${asked > 1 ? 's' : ''})`, kind: 'miss' }
}

function TokenResult({ call }) {
  const source = sourceOf(call)
  const payload = call.decoded?.payload
  return (
    <div className="token-result" id="token-result" data-source={source.kind}>
      <div className="token-facts">
        <span className={`badge badge-${source.kind}`} id="token-source">
          {source.label}
        </span>
        <span>call #{call.n}</span>
        <span id="token-ms">{call.ms.toFixed(1)} ms</span>
        <span id="token-requests">
          token requests {call.before} → {call.after}
        </span>
        {payload && <Expiry exp={payload.exp} iat={payload.iat} />}
      </div>
      {call.decoded && (
        <>
          <div className="jwt" title={call.jwt}>
            {call.jwt.slice(0, 36)}…{call.jwt.slice(-24)}
          </div>
          <h3>Header</h3>
          <Json value={call.decoded.header} />
          <h3>Claims</h3>
          <div id="token-claims">
            <Json value={payload} />
          </div>
        </>
      )}
    </div>
  )
}

function Expiry({ exp, iat }) {
  const now = useNow(250)
  if (typeof exp !== 'number' || now === null) return null
  const left = Math.floor(exp - now / 1000)
  const lifetime = typeof iat === 'number' ? exp - iat : null
  return (
    <span className={left > 0 ? 'expiry' : 'expiry expired'} id="token-expiry">
      {left > 0 ? `expires in ${left} s` : `expired ${-left} s ago`}
      {lifetime !== null && ` (lifetime ${lifetime} s)`}
    </span>
  )
}

function History({ calls }) {
  return (
    <table className="history" id="token-history">
      <thead>
        <tr>
          <th>#</th>
          <th>call</th>
          <th>answer</th>
          <th>time</th>
          <th>requests</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((c) => (
          <tr key={c.n}>
            <td>{c.n}</td>
            <td>
              <code>{c.text}</code>
            </td>
            <td>{sourceOf(c).label}</td>
            <td>{c.ms.toFixed(1)} ms</td>
            <td>
              {c.before} → {c.after}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
