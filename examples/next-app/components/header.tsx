'use client'
import Link from 'next/link'
import { useAuth, useAuthClient } from 'wasm-auth/nextjs'

export function Header() {
  const { isLoaded, isSignedIn, userId, signOut } = useAuth()
  const client = useAuthClient()
  return (
    <header>
      <h1>wasm-auth + Next.js</h1>
      <nav>
        <Link href="/">Home</Link>
        <Link href="/protected" prefetch={false}>
          Protected
        </Link>
        <Link href="/external-data">External data</Link>
        <Link href="/static">Static</Link>
      </nav>
      <span id="header-auth">
        {!isLoaded ? (
          'Loading…'
        ) : isSignedIn ? (
          <>
            {userId}{' '}
            <button id="sign-out" onClick={() => signOut({ redirectUrl: '/' })}>
              Sign out
            </button>
          </>
        ) : (
          // The sign-in page (the Account Portal's, or NEXT_PUBLIC_CLERK_SIGN_IN_URL), then back here.
          <button id="sign-in" onClick={() => client.redirectToSignIn({ redirectUrl: window.location.href })}>
            Sign in
          </button>
        )}
      </span>
    </header>
  )
}
