'use client'
// wasm-auth/nextjs in client components (and their server rendering): wasm-auth/react's provider,
// hooks and components under the names of @clerk/nextjs's. Imported by package name, so that each
// of Next's layers resolves the build of its runtime (the browser's for the page, Node's for the
// server rendering), and so that an app mixing wasm-auth/react and wasm-auth/nextjs shares one
// context. Listed by name: a client boundary cannot re-export with `*`. Server components get
// nextjs.rsc.js instead (the `react-server` condition), whose <AuthProvider> reads the
// configuration and, with `dynamic`, the request.
//
// The bare import keeps wasm-auth/react's module (its runtime's wasm loader) in the bundle:
// Turbopack follows re-exports to where the names are defined and would otherwise leave out the
// module in between, loader and all (this file is in package.json's `sideEffects` for that).
import 'wasm-auth/react'

export {
  AuthDegraded,
  AuthFailed,
  AuthLoaded,
  AuthLoading,
  AuthProvider,
  Protect,
  Show,
  useAuth,
  useAuthClient,
  useOrganization,
  useOrganizationList,
  useSession,
  useUser,
} from 'wasm-auth/react'
