// The root layout is a server component: it verifies the request's session token (the __session
// cookie the browser's client writes) and hands the result to <AuthProvider> as initialState, so
// the server render and the first client render are already loaded and identical.
import { Providers } from '../components/providers.jsx'
import { Header } from '../components/header.jsx'
import { appOrigin, authUrl, currentAuth, initialStateOf } from '../lib/auth.js'
import './globals.css'

export const metadata = { title: 'wasm-auth + Next.js' }

export default async function RootLayout({ children }) {
  const auth = await currentAuth()
  return (
    <html lang="en">
      <body>
        <Providers frontendApi={authUrl()} appOrigin={await appOrigin()} initialState={initialStateOf(auth)}>
          <Header />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  )
}
