import type { Metadata } from 'next'
import './globals.css'

export const metadata: Metadata = { title: 'wasm-auth + Next.js' }

// The providers are in the two route groups' layouts: (dynamic) renders loaded from the request,
// (static) stays prerendered.
export default function RootLayout({ children }: LayoutProps<'/'>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
