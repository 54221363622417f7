// Every state field useAuth() returns, live, and which of the four documented shapes it is.
import { useDemo, useDemoAuth } from './demo-context.js'
import { shapeOf } from './describe.js'
import { Flash, Json, Value } from './Value.jsx'

export const FIELDS = [
  'isLoaded',
  'isSignedIn',
  'userId',
  'sessionId',
  'sessionClaims',
  'actor',
  'orgId',
  'orgRole',
  'orgSlug',
]

export function AuthFieldsPanel() {
  const auth = useDemoAuth()
  const { treatPendingAsSignedOut, setTreatPendingAsSignedOut } = useDemo()
  return (
    <section className="card" id="fields">
      <div className="card-head">
        <h2>
          <code>useAuth()</code>
        </h2>
        <span className="shape" id="shape">
          {shapeOf(auth)}
        </span>
      </div>
      <table className="fields">
        <tbody>
          {FIELDS.map((field) => (
            <tr key={field} data-field={field}>
              <th scope="row">{field}</th>
              <td>
                <Flash value={auth[field]}>
                  {field === 'sessionClaims' && auth[field] ? (
                    <Claims claims={auth[field]} />
                  ) : (
                    <Value value={auth[field]} />
                  )}
                </Flash>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="check">
        <input
          type="checkbox"
          checked={treatPendingAsSignedOut}
          onChange={(e) => setTreatPendingAsSignedOut(e.target.checked)}
        />
        <code>
          useAuth({'{'} treatPendingAsSignedOut {'}'})
        </code>
        : a <em>pending</em> session (user_pending) counts as signed out
      </label>
    </section>
  )
}

function Claims({ claims }) {
  const names = Object.keys(claims)
  return (
    <details className="claims">
      <summary>
        <span className="v v-object">
          {'{ '}
          {names.join(', ')}
          {' }'}
        </span>
      </summary>
      <Json value={claims} />
    </details>
  )
}
