'use client'
// wasm-auth/react for bundlers building for Node (Next.js server rendering of client
// components): the wasm bytes are inlined, see load.inline.js.
import './load.inline.js'

export { AuthProvider, useAuth } from './react-hooks.js'
