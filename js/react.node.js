'use client'
// wasm-auth/react for Node (server rendering; react.cjs is this file bundled for require()).
import './load.node.js'

export { AuthProvider, useAuth } from './react-hooks.js'
