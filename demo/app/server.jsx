// Server rendering of the demo page (bundled by esbuild for Node; see ../page-server.mjs).
import { renderToString } from 'react-dom/server'
import { createAuthClient } from 'wasm-auth'
import { App } from './App.jsx'

/** The page's HTML for `data` = { publishableKey, authUrl, users, templates, initialState }. */
export function render({ initialState, ...data }) {
  // A per-request client holding what the server knows; it never loads (effects do not run here).
  const client = createAuthClient({ publishableKey: data.publishableKey, proxyUrl: data.authUrl, initialState })
  return renderToString(<App client={client} {...data} />)
}
