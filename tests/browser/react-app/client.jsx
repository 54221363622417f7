// Browser entry: hydrates the server-rendered app with the same initialState.
import { hydrateRoot } from 'react-dom/client'
import { createAuthClient } from 'wasm-auth'
import { App } from './app.jsx'

const initialState = window.__INITIAL_STATE__
window.client = createAuthClient({ frontendApi: window.__FRONTEND_API__, initialState })
hydrateRoot(document.getElementById('root'), <App client={window.client} initialState={initialState} />)
