// The Account Portal's sign-in and sign-up pages, as a local instance has them: the environment's
// display_config points here (sign_in_url, sign_up_url). A client sends the browser to
// `/sign-in#/?redirect_url=...` (with `?__clerk_db_jwt=...` on a development instance, as clerk-js
// builds it); choosing a seeded user signs in and redirects back to redirect_url, adding the dev
// browser token on a development instance so the app picks it up, as Clerk's pages do.
import { clientUatCookies, readObject } from './http.mjs'
import { safeRedirect, signInAs } from './dev-routes.mjs'

export const hostedPageRoutes = [
  { method: 'GET', path: /^\/sign-(in|up)$/, handle: page },
  { method: 'POST', path: /^\/sign-(in|up)$/, handle: submit },
]

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])

function page(ctx, rq) {
  const kind = rq.params[0] === 'in' ? 'Sign in' : 'Sign up'
  const token = rq.url.searchParams.get('__clerk_db_jwt')
  const action = `${rq.url.pathname}${token ? `?__clerk_db_jwt=${encodeURIComponent(token)}` : ''}`
  const users = [...ctx.index.users.values()]
    .map(
      (u) =>
        `<li><button name="user" value="${escape(u.id)}">${escape(u.id)}</button> ${escape(u.description ?? '')}</li>`,
    )
    .join('\n')
  const html = `<!doctype html>
<meta charset="utf-8"><title>${kind} · wasm-auth dev server</title>
<link rel="icon" href="data:,">
<h1>${kind}</h1>
<p>A ${escape(ctx.instance)} instance on this machine: choose a seeded user.</p>
<form method="post" action="${escape(action)}">
<input type="hidden" name="redirect_url" id="redirect_url" value="${escape(rq.url.searchParams.get('redirect_url') ?? '')}">
<ul>
${users}
</ul>
</form>
<script>
  // clerk-js puts redirect_url in the hash's search (#/?redirect_url=...).
  const fromHash = new URLSearchParams(location.hash.replace(/^#\\/?\\??/, '')).get('redirect_url')
  if (fromHash) document.getElementById('redirect_url').value = fromHash
</script>
`
  rq.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) })
  rq.res.end(html)
  return null
}

async function submit(ctx, rq) {
  const params = await readObject(rq.req)
  const redirect = new URL(params.redirect_url ? safeRedirect(params.redirect_url) : `${ctx.url}/`)
  if (ctx.instance === 'development' && !ctx.store.hasDevBrowser(rq.identity.devBrowser)) {
    rq.identity = { devBrowser: ctx.store.createDevBrowser() }
  }
  const { client, headers } = signInAs(ctx, rq, params.user)
  let cookies = [headers['set-cookie'] ?? []].flat()
  if (ctx.instance === 'development') redirect.searchParams.set('__clerk_db_jwt', rq.identity.devBrowser)
  else cookies = [...cookies, ...clientUatCookies(ctx, client)]
  rq.res.writeHead(303, { 'set-cookie': cookies, location: redirect.href, 'content-length': 0 })
  rq.res.end()
  return null
}
