import { AuthProvider } from 'wasm-auth/nextjs'
import { Header } from '@/components/header'

// `dynamic`: the provider reads the proxy's verdict and the pages render loaded, signed in or out,
// from their first paint. It holds the <Suspense> boundary that cacheComponents asks for.
export default function DynamicLayout({ children }: LayoutProps<'/'>) {
  return (
    <AuthProvider dynamic>
      <Header />
      <main>{children}</main>
    </AuthProvider>
  )
}
