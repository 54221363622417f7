// What a user's Jest test of a component under <AuthProvider> does, in Jest's jsdom environment
// (no TextEncoder, TextDecoder, crypto.subtle or fetch on its global object): rendered with
// react-dom, with the server's initialState (loaded at the first render, has() answering), and
// without it against the dev auth server (AUTH_URL, PUBLISHABLE_KEY), which the client loads from.
const { act, createElement: h } = require('react')
const { createRoot } = require('react-dom/client')
const { AuthProvider, useAuth } = require('wasm-auth/react')

globalThis.IS_REACT_ACT_ENVIRONMENT = true

function Status() {
  const { isLoaded, isSignedIn, userId, orgRole, has } = useAuth()
  const admin = has({ role: 'org:admin' })
  return h('pre', null, JSON.stringify({ isLoaded, isSignedIn, userId, orgRole, admin }))
}

async function render(props) {
  const container = document.createElement('div')
  const root = createRoot(container)
  await act(async () => root.render(h(AuthProvider, props, h(Status))))
  return { shown: () => JSON.parse(container.textContent), unmount: () => act(async () => root.unmount()) }
}

test('initialState: loaded at the first render, has() answers', async () => {
  const initialState = {
    sessionId: 'sess_1',
    userId: 'user_1',
    sessionClaims: { sub: 'user_1', sid: 'sess_1' },
    orgId: 'org_1',
    orgRole: 'org:admin',
    orgSlug: 'acme',
    orgPermissions: [],
  }
  const { shown, unmount } = await render({ frontendApi: 'http://127.0.0.1:9', initialState })
  expect(shown()).toEqual({ isLoaded: true, isSignedIn: true, userId: 'user_1', orgRole: 'org:admin', admin: true })
  await unmount()
})

test('no initialState: loads from the auth server, signed out', async () => {
  const { shown, unmount } = await render({
    publishableKey: process.env.PUBLISHABLE_KEY,
    proxyUrl: process.env.AUTH_URL,
  })
  expect(shown().isLoaded).toBe(false)
  while (!shown().isLoaded) await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
  expect(shown()).toEqual({ isLoaded: true, isSignedIn: false, userId: null, orgRole: null, admin: false })
  await unmount()
})
