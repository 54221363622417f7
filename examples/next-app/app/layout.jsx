// The root layout is a server component: it reads the request's cookies with authenticateRequest
// and hands the result to <AuthProvider> as initialState, so the server render and the first
// client render are already loaded and identical. The proxy has already answered any handshake,
// so what reaches here says who the user is.
import { Providers } from '../components/providers.jsx'
import { Header } from '../components/header.jsx'
import { currentAuth, frontendApiUrl, initialStateOf, instanceOptions } from '../lib/auth.js'
import './globals.css'

export const metadata = { title: 'wasm-auth + Next.js' }

export default async function RootLayout({ children }) {
  const auth = await currentAuth()
  const instance = instanceOptions()
  return (
    <html lang="en">
      <body>
        <Providers instance={instance} frontendApi={frontendApiUrl(instance)} initialState={initialStateOf(auth)}>
          <Header />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  )
}
