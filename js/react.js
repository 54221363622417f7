'use client'
// wasm-auth/react: <AuthProvider> and useAuth(), for React 18 and 19. Loads the wasm first, like
// index.js (whose runtime twins scripts/build.mjs writes for this file too).
import './load.browser.js'

export { AuthProvider, useAuth } from './react-hooks.js'
