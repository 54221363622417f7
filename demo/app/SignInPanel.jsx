// Sign in as one of the dev auth server's seeded users.
import { useClientState, useDemo } from './demo-context.js'
import { hueOf, initials } from './describe.js'
import { signInAs } from './actions.js'
import { useAction } from './hooks.js'

export function SignInPanel() {
  const { users, client, authUrl } = useDemo()
  // The session's user even when useAuth() calls a pending session signed out.
  const { userId: sessionUser } = useClientState()
  const { run, busy, error } = useAction()
  return (
    <section className="card" id="sign-in">
      <h2>Sign in</h2>
      <p className="hint">
        Seeded users of the dev auth server, a development instance (<code>GET /dev/users</code>). One click posts to{' '}
        <code>/dev/sign-in</code> with this browser's dev browser token, then calls <code>client.load()</code>; or go
        through the Account Portal page as a Clerk app does:{' '}
        <button className="button small" id="hosted-sign-in" onClick={() => client.redirectToSignIn()}>
          redirectToSignIn()
        </button>
      </p>
      <ul className="users">
        {users.map((user) => {
          const current = user.id === sessionUser
          return (
            <li key={user.id} data-user={user.id} className={current ? 'user current' : 'user'}>
              <span className="avatar" aria-hidden="true" style={{ background: `hsl(${hueOf(user.id)} 55% 48%)` }}>
                {initials(user)}
              </span>
              <div className="user-text">
                <div>
                  <strong>
                    {user.first_name} {user.last_name}
                  </strong>{' '}
                  <code>{user.id}</code>
                  {user.session_status === 'pending' && <span className="tag">pending</span>}
                  {user.actor && <span className="tag">impersonated</span>}
                </div>
                <div className="hint">{user.description}</div>
              </div>
              <button
                className="button small"
                disabled={busy !== null || current}
                onClick={() => run(user.id, () => signInAs(authUrl, client, user.id))}
              >
                {current ? 'Signed in' : busy === user.id ? 'Signing in…' : 'Sign in'}
              </button>
            </li>
          )
        })}
      </ul>
      {error && <p className="error">{error}</p>}
    </section>
  )
}
