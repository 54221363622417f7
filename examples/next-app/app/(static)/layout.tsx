import { AuthProvider } from 'wasm-auth/nextjs'
import { Header } from '@/components/header'

// Without `dynamic` the pages are prerendered at build time (the configuration too) and the
// browser's client loads the state.
export default function StaticLayout({ children }: LayoutProps<'/'>) {
  return (
    <AuthProvider>
      <Header />
      <main>{children}</main>
    </AuthProvider>
  )
}
