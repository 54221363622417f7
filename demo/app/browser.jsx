// Browser entry: hydrates the server-rendered page with the same initial state the server used.
import './styles.css'
import { hydrateRoot } from 'react-dom/client'
import { createAuthClient } from 'wasm-auth'
import { App } from './App.jsx'

const { initialState, ...data } = window.__DEMO__
const client = createAuthClient({ publishableKey: data.publishableKey, proxyUrl: data.authUrl, initialState })
window.authClient = client // to try from the console: await authClient.getToken()
hydrateRoot(document.getElementById('root'), <App client={client} {...data} />)
