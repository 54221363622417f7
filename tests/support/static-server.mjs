// A static file server for browser tests: serves the repo root (so pages can load pkg/, the
// fixtures and node_modules), or another folder, on 127.0.0.1 with the MIME types browsers insist on.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
}

/**
 * Starts the server. `pages` maps paths to HTML, or to `(req) => html` functions that render it
 * per request (server rendering with the request's cookies); other paths are files under `root`.
 * `types` overrides content types by extension (a server that gets them wrong).
 */
export async function serveStatic({ pages = {}, root = repoRoot, types = {} } = {}) {
  const typeOf = (file) => types[extname(file)] ?? TYPES[extname(file)] ?? 'application/octet-stream'
  root = join(root, '/')
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    if (pages[path] !== undefined) {
      const page = pages[path]
      const html = typeof page === 'function' ? await page(req) : page
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(html)
      return
    }
    const file = normalize(join(root, path))
    if (!file.startsWith(root)) return res.writeHead(403).end()
    try {
      const body = await readFile(file)
      res.writeHead(200, { 'content-type': typeOf(file) }).end(body)
    } catch {
      res.writeHead(404).end('not found')
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}`
  return {
    url,
    close: () => new Promise((resolve) => server.closeAllConnections() || server.close(resolve)),
  }
}
