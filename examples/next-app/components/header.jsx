'use client'
import Link from 'next/link'
import { useAuth } from 'wasm-auth/react'
import { useAppAuth } from './providers.jsx'

const USERS = [
  ['user_alice', 'Alice (admin of Acme, member of Beta)'],
  ['user_bob', 'Bob (no organization)'],
  ['user_dave', 'Dave (impersonated)'],
]

export function Header() {
  const { isLoaded, isSignedIn, userId, signOut } = useAuth()
  const { frontendApi, appOrigin } = useAppAuth()
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
          Sign in as:{' '}
          {USERS.map(([user, label]) => (
            <a
              key={user}
              id={`sign-in-${user}`}
              title={label}
              href={`${frontendApi}/dev/sign-in?user=${user}&redirect_url=${encodeURIComponent(appOrigin + '/')}`}
            >
              {user.replace('user_', '')}{' '}
            </a>
          ))}
        </span>
      )}
    </header>
  )
}
