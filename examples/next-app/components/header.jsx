'use client'
import Link from 'next/link'
import { useAuth } from 'wasm-auth/react'
import { useAppAuth } from './providers.jsx'

export function Header() {
  const { isLoaded, isSignedIn, userId, signOut } = useAuth()
  const { client } = useAppAuth()
  return (
    <header>
      <h1>wasm-auth + Next.js</h1>
      <nav>
        <Link href="/">Home</Link>
        <Link href="/protected" prefetch={false}>
          Protected
        </Link>
      </nav>
      {!isLoaded ? (
        <span id="header-auth">Loading…</span>
      ) : isSignedIn ? (
        <span id="header-auth">
          {userId}{' '}
          <button id="sign-out" onClick={() => signOut({ redirectUrl: '/' })}>
            Sign out
          </button>
        </span>
      ) : (
        <span id="header-auth">
          {/* The Account Portal's sign-in page (the dev server's lists its seeded users), then back here. */}
          <button id="sign-in" onClick={() => client.redirectToSignIn({ redirectUrl: window.location.href })}>
            Sign in
          </button>
        </span>
      )}
    </header>
  )
}
