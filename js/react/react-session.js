// The hooks a Clerk app uses beside useAuth(), with Clerk's names and shapes (@clerk/shared's
// react/hooks: useSession, useUser, useOrganization, useOrganizationList): the signed-in session,
// its user and organizations, from the client resource the Frontend API already sent
// (`/v1/client`), shaped as clerk-js shapes them (resources.js). Not loaded until the client has
// that resource; signed out as soon as the state says so (an app server's initialState too).
import { useMemo, useSyncExternalStore } from 'react'
import { authShape, useAuthContext, useAuthState } from './react-hooks.js'
import { session as sessionOf } from '../client/resources.js'

const none = () => undefined
const resources = /* @__PURE__ */ new WeakMap() // a session resource (JSON) -> its shapes

/** `[state, session resource or null or undefined (not yet known)]` of the provider. */
function useSessionResource(hook) {
  const context = useAuthContext(hook)
  const state = useAuthState(context)
  const { store } = context
  const json = useSyncExternalStore(store.subscribe, store.getSession, none)
  const signedIn = authShape(state, context.treatPendingAsSignedOut).isSignedIn
  if (!state.isLoaded) return [context, undefined]
  if (!signedIn) return [context, null]
  if (!json) return [context, undefined] // loaded from the server's state; the resource comes with the client
  let shaped = resources.get(json)
  if (!shaped) resources.set(json, (shaped = { session: sessionOf(json, store.getToken) }))
  return [context, shaped.session]
}

const shape = (value, key) =>
  value === undefined
    ? { isLoaded: false, isSignedIn: undefined, [key]: undefined }
    : value === null
      ? { isLoaded: true, isSignedIn: false, [key]: null }
      : { isLoaded: true, isSignedIn: true, [key]: value }

export function useSession() {
  const [, session] = useSessionResource('useSession')
  return useMemo(() => shape(session, 'session'), [session])
}

export function useUser() {
  const [, session] = useSessionResource('useUser')
  const user = session && session.user
  return useMemo(() => shape(user, 'user'), [user])
}

// What Clerk's hooks answer for a paginated list they were not asked to fetch, or cannot: the
// organization's members, invitations, domains and membership requests are not fetched here.
// A plain literal, as Clerk's undefinedPaginatedResource is: a call (Object.freeze) would keep it
// in bundles that use none of these hooks.
const UNFETCHED = {
  data: undefined,
  count: undefined,
  error: undefined,
  isLoading: false,
  isFetching: false,
  isError: false,
  page: undefined,
  pageCount: undefined,
  fetchPage: undefined,
  fetchPrevious: undefined,
  fetchNext: undefined,
  hasNextPage: false,
  hasPreviousPage: false,
  revalidate: undefined,
  setData: undefined,
}

/** The active organization and the user's membership in it. */
export function useOrganization() {
  const [context, session] = useSessionResource('useOrganization')
  const { orgId } = useAuthState(context)
  return useMemo(() => {
    const lists = { domains: UNFETCHED, membershipRequests: UNFETCHED, memberships: UNFETCHED, invitations: UNFETCHED }
    if (session === undefined) return { isLoaded: false, organization: undefined, membership: undefined, ...lists }
    const membership = session?.user.organizationMemberships.find((m) => m.organization.id === orgId) ?? null
    if (!membership) {
      const empty = { domains: null, membershipRequests: null, memberships: null, invitations: null }
      return { isLoaded: true, organization: null, membership: null, ...empty }
    }
    return { isLoaded: true, organization: membership.organization, membership, ...lists }
  }, [session, orgId])
}

/** One page holding all of `data`: the user's memberships come whole with the client. */
const page = (data) => {
  const fetch = async () => {}
  return Object.freeze({
    ...UNFETCHED,
    data,
    count: data.length,
    error: null,
    page: 1,
    pageCount: 1,
    fetchPage: fetch,
    fetchPrevious: fetch,
    fetchNext: fetch,
    revalidate: fetch,
  })
}

/**
 * The user's organization memberships, and `setActive({ organization })` taking an id, a slug,
 * an organization (or `null`: the personal account), as Clerk's does.
 */
export function useOrganizationList() {
  const [context, session] = useSessionResource('useOrganizationList')
  const { store } = context
  return useMemo(() => {
    // As Clerk's: loaded once there is a user to list them for.
    if (!session) {
      const lists = { userMemberships: UNFETCHED, userInvitations: UNFETCHED, userSuggestions: UNFETCHED }
      return { isLoaded: false, createOrganization: undefined, setActive: undefined, ...lists }
    }
    const memberships = session.user.organizationMemberships
    // As Clerk's: `undefined` leaves the organization as it is, `null` is the personal account.
    const setActive = async ({ organization } = {}) => {
      if (organization === undefined) return
      const named = typeof organization === 'object' && organization !== null ? organization.id : organization
      const found = named !== null && memberships.find((m) => [m.organization.id, m.organization.slug].includes(named))
      return store.setActive({ organizationId: found ? found.organization.id : named })
    }
    return {
      isLoaded: true,
      createOrganization: undefined,
      setActive,
      userMemberships: page(memberships),
      userInvitations: page([]),
      userSuggestions: page([]),
    }
  }, [session, store])
}
