// The demo page's HTTP server: GET / is rendered on the server with the visitor's initial auth
// state, then hydrated by app.js; the bundle's files are served beside it.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { initialStateFrom } from './initial-state.mjs'

const ASSETS = {
  '/app.js': 'text/javascript; charset=utf-8',
  '/app.js.map': 'application/json',
  '/app.css': 'text/css; charset=utf-8',
  '/wasm_auth_bg.wasm': 'application/wasm',
}

export async function startPageServer({ host, port, bundle, publishableKey, authUrl, issuer, users, templates }) {
  const { render } = await import(pathToFileURL(bundle.serverEntry).href)

  const page = (req) => {
    const data = {
      publishableKey,
      authUrl,
      users,
      templates,
      initialState: initialStateFrom(req.headers.cookie, { issuer }),
    }
    return html(render(data), data)
  }

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://demo.invalid')
    const headers = { 'cache-control': 'no-store' }
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end()
      } else if (pathname === '/') {
        res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page(req))
      } else if (ASSETS[pathname]) {
        const body = await readFile(join(bundle.outDir, pathname))
        res.writeHead(200, { ...headers, 'content-type': ASSETS[pathname] }).end(body)
      } else {
        res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found')
      }
    } catch (error) {
      console.error('wasm-auth demo page:', error)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('demo page error (see the terminal)')
    }
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    url: `http://${host}:${server.address().port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections() // open tabs keep connections alive; don't wait for them
      }),
  }
}

function html(body, data) {
  // JSON in a <script>: escape < so no value can close the element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wasm-auth demo</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
</head>
<body>
<div id="root">${body}</div>
<script>window.__DEMO__ = ${json}</script>
<script type="module" src="/app.js"></script>
</body>
</html>
`
}
