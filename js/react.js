'use client'
// wasm-auth/react: <AuthProvider> and useAuth(), for React 18 and 19 (an optional peer).
export { AuthProvider, useAuth } from './react-hooks.js'
