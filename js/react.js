'use client'
// wasm-auth/react: <AuthProvider>, useAuth() and the hooks and components a Clerk app uses beside
// it, for React 18 and 19. Loads the wasm first, like index.js (whose runtime twins
// scripts/build.mjs writes for this file too). An app that imports only useAuth() carries none of
// react-session.js, resources.js or react-components.js once bundled.
import './wasm/load.browser.js'

export { AuthProvider, useAuth, useAuthClient } from './react/react-hooks.js'
export { useOrganization, useOrganizationList, useSession, useUser } from './react/react-session.js'
export { AuthDegraded, AuthFailed, AuthLoaded, AuthLoading, Protect, Show } from './react/react-components.js'
