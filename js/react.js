'use client'
// wasm-auth/react for browsers and bundlers: <AuthProvider> and useAuth(), for React 18 and 19.
import './load.browser.js'

export { AuthProvider, useAuth } from './react-hooks.js'
