import type { Metadata } from 'next'
import { AuthProvider } from 'wasm-auth/nextjs'
import { Header } from '@/components/header'
import './globals.css'

export const metadata: Metadata = { title: 'wasm-auth + Next.js' }

// `dynamic`: the provider reads the proxy's verdict and every page renders loaded, signed in or out,
// from its first paint. Without it the pages stay static and the browser loads the state.
export default function RootLayout({ children }: LayoutProps<'/'>) {
  return (
    <html lang="en">
      <body>
        <AuthProvider dynamic>
          <Header />
          <main>{children}</main>
        </AuthProvider>
      </body>
    </html>
  )
}
