// has(): type a role, permission, feature, plan and/or reverification and see the answer live.
import { useState } from 'react'
import { useClientState, useDemoAuth, useSeededUser } from './demo-context.js'
import { EMPTY_FORM, EXAMPLES, LEVELS, PRESETS, callText, formFrom, paramsFrom, suggestionsFor } from './has-params.js'

const TEXT_FIELDS = [
  ['role', 'org:admin'],
  ['permission', 'org:invoices:read'],
  ['feature', 'reports, org:reports, user:beta'],
  ['plan', 'free_user, org:pro'],
]

export function HasPanel() {
  const auth = useDemoAuth()
  const { orgPermissions } = useClientState()
  const user = useSeededUser(auth.userId)
  const [form, setForm] = useState(EMPTY_FORM)
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.target.value }))

  const params = paramsFrom(form)
  const answer = auth.has(params)
  const asked = Object.keys(params).length > 0
  const suggestions = suggestionsFor({
    memberships: user?.organization_memberships ?? [],
    orgPermissions: auth.orgId ? orgPermissions : [],
    claims: auth.sessionClaims,
  })

  return (
    <section className="card" id="has">
      <h2>
        <code>has()</code>
      </h2>
      <p className="hint">
        Every dimension asked must pass. Roles and permissions need an active organization; features and plans take an
        optional <code>org:</code> / <code>user:</code> scope.
      </p>
      <div className="has-form">
        {TEXT_FIELDS.map(([key, placeholder]) => (
          <label key={key}>
            <span>{key}</span>
            <input
              name={key}
              value={form[key]}
              onChange={set(key)}
              placeholder={placeholder}
              list={`has-${key}`}
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id={`has-${key}`}>
              {suggestions[key].map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </label>
        ))}
        <label>
          <span>reverification</span>
          <select name="reverification" value={form.reverification} onChange={set('reverification')}>
            <option value="">(not asked)</option>
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
            <option value="custom">level + minutes…</option>
          </select>
        </label>
        {form.reverification === 'custom' && (
          <div className="custom-reverification">
            <label>
              <span>level</span>
              <select name="level" value={form.level} onChange={set('level')}>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>afterMinutes</span>
              <input
                name="afterMinutes"
                type="number"
                min="1"
                value={form.afterMinutes}
                onChange={set('afterMinutes')}
              />
            </label>
          </div>
        )}
      </div>
      <div className="answer-row">
        <code className="call" id="has-call">
          {callText(params)}
        </code>
        <span className={`answer answer-${answer}`} id="has-answer">
          {String(answer)}
        </span>
        <button className="button small quiet" onClick={() => setForm(EMPTY_FORM)}>
          Clear
        </button>
      </div>
      {!asked && (
        <p className="hint">
          Nothing asked: <code>has()</code> answers false.
        </p>
      )}
      {asked && !auth.isSignedIn && (
        <p className="hint">
          Signed out: <code>has()</code> answers false.
        </p>
      )}
      <h3>Quick checks for the current state</h3>
      <ul className="examples">
        {EXAMPLES.map((example) => {
          const text = callText(example)
          const result = auth.has(example)
          return (
            <li key={text}>
              <button className="example" onClick={() => setForm(formFrom(example))} title="Load into the form">
                <code>{text}</code>
                <span className={`answer small answer-${result}`}>{String(result)}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
