import { AuthStatus } from '@/components/auth-status'

export default function StaticPage() {
  return (
    <>
      <p>Prerendered: the server sends this page as it was built, and the browser loads the state.</p>
      <AuthStatus />
    </>
  )
}
