'use client'
// wasm-auth/react for server rendering in Next.js's edge runtime (the `edge-light` condition):
// see load.edge.js.
import './load.edge.js'

export { AuthProvider, useAuth } from './react-hooks.js'
