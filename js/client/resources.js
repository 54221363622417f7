// The Frontend API's session, user and organization resources in the shapes clerk-js gives them
// (its core/resources: Session.ts, User.ts, EmailAddress.ts, PhoneNumber.ts, Web3Wallet.ts,
// OrganizationMembership.ts, Organization.ts, PublicUserData.ts, Verification.ts, each's
// `fromJSON`): camelCase fields, dates as Date, the primary email address and phone number
// resolved, the full name composed. Data only: clerk-js's methods that call the Frontend API
// (user.update(), …) are not offered; session.getToken() is the client's. Only the hooks that
// show a user or an organization import this file, so an app with useAuth() alone carries none
// of it.

// clerk-js's unixEpochToDate: an absent or malformed time is now.
const date = (ms) => {
  const at = new Date(ms || Date.now())
  return Number.isNaN(at.getTime()) ? new Date() : at
}
const list = (items, map) => (items || []).map(map)

const verification = (v) =>
  v && {
    status: v.status ?? null,
    strategy: v.strategy ?? null,
    attempts: v.attempts ?? null,
    expireAt: date(v.expire_at),
  }

const linkedTo = (links) => list(links, (link) => ({ id: link.id, type: link.type }))

const emailAddress = (e) => ({
  id: e.id,
  emailAddress: e.email_address,
  verification: verification(e.verification),
  matchesSsoConnection: e.matches_sso_connection,
  linkedTo: linkedTo(e.linked_to),
})

const phoneNumber = (p) => ({
  id: p.id,
  phoneNumber: p.phone_number,
  reservedForSecondFactor: p.reserved_for_second_factor,
  defaultSecondFactor: p.default_second_factor,
  verification: verification(p.verification),
  linkedTo: linkedTo(p.linked_to),
  backupCodes: p.backup_codes,
})

const web3Wallet = (w) => ({ id: w.id, web3Wallet: w.web3_wallet, verification: verification(w.verification) })

const externalAccount = (a) => ({
  id: a.id,
  identificationId: a.identification_id,
  providerUserId: a.provider_user_id,
  approvedScopes: a.approved_scopes,
  imageUrl: a.image_url,
  emailAddress: a.email_address,
  firstName: a.first_name,
  lastName: a.last_name,
  provider: (a.provider || '').replace('oauth_', ''),
  username: a.username,
  phoneNumber: a.phone_number,
  publicMetadata: a.public_metadata,
  label: a.label,
  verification: verification(a.verification),
})

const passkey = (p) => ({
  id: p.id,
  name: p.name,
  lastUsedAt: p.last_used_at ? date(p.last_used_at) : null,
  createdAt: date(p.created_at),
  updatedAt: date(p.updated_at),
  verification: verification(p.verification),
})

// The account's own fields; its connection's settings are Clerk's dashboard's business.
const enterpriseAccount = (a) => ({
  id: a.id,
  provider: a.provider,
  protocol: a.protocol,
  providerUserId: a.provider_user_id,
  active: a.active,
  emailAddress: a.email_address,
  firstName: a.first_name,
  lastName: a.last_name,
  publicMetadata: a.public_metadata,
  lastAuthenticatedAt: a.last_authenticated_at ? date(a.last_authenticated_at) : null,
  enterpriseConnectionId: a.enterprise_connection_id,
  verification: verification(a.verification),
})

export const publicUserData = (d) =>
  d && {
    firstName: d.first_name || null,
    lastName: d.last_name || null,
    imageUrl: d.image_url || '',
    hasImage: d.has_image || false,
    identifier: d.identifier || '',
    userId: d.user_id,
    username: d.username,
  }

export const organization = (o) => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  imageUrl: o.image_url || '',
  hasImage: o.has_image || false,
  publicMetadata: o.public_metadata || {},
  membersCount: o.members_count || 0,
  pendingInvitationsCount: o.pending_invitations_count || 0,
  maxAllowedMemberships: o.max_allowed_memberships || 0,
  adminDeleteEnabled: o.admin_delete_enabled || false,
  selfServeSSOEnabled: o.self_serve_sso_enabled || false,
  exclusiveMembership: o.exclusive_membership || false,
  createdAt: date(o.created_at),
  updatedAt: date(o.updated_at),
})

export const organizationMembership = (m) => ({
  id: m.id,
  organization: organization(m.organization),
  publicMetadata: m.public_metadata || {},
  publicUserData: publicUserData(m.public_user_data) ?? undefined,
  permissions: Array.isArray(m.permissions) ? [...m.permissions] : [],
  role: m.role,
  roleName: m.role_name,
  createdAt: date(m.created_at),
  updatedAt: date(m.updated_at),
})

export function user(u) {
  const firstName = u.first_name || null
  const lastName = u.last_name || null
  const emailAddresses = list(u.email_addresses, emailAddress)
  const phoneNumbers = list(u.phone_numbers, phoneNumber)
  const web3Wallets = list(u.web3_wallets, web3Wallet)
  const primary = (items, id) => items.find((item) => item.id === id) || null
  return {
    id: u.id,
    externalId: u.external_id || null,
    firstName,
    lastName,
    // clerk-js's getFullName: the names that are there, joined by a space.
    fullName: firstName || lastName ? [firstName, lastName].filter(Boolean).join(' ') : null,
    imageUrl: u.image_url || '',
    hasImage: u.has_image || false,
    username: u.username || null,
    passwordEnabled: u.password_enabled || false,
    emailAddresses,
    primaryEmailAddressId: u.primary_email_address_id || null,
    primaryEmailAddress: primary(emailAddresses, u.primary_email_address_id),
    phoneNumbers,
    primaryPhoneNumberId: u.primary_phone_number_id || null,
    primaryPhoneNumber: primary(phoneNumbers, u.primary_phone_number_id),
    web3Wallets,
    primaryWeb3WalletId: u.primary_web3_wallet_id || null,
    primaryWeb3Wallet: primary(web3Wallets, u.primary_web3_wallet_id),
    externalAccounts: list(u.external_accounts, externalAccount),
    passkeys: list(u.passkeys, passkey),
    organizationMemberships: list(u.organization_memberships, organizationMembership),
    enterpriseAccounts: list(u.enterprise_accounts, enterpriseAccount),
    publicMetadata: u.public_metadata || {},
    unsafeMetadata: u.unsafe_metadata || {},
    totpEnabled: u.totp_enabled || false,
    backupCodeEnabled: u.backup_code_enabled || false,
    twoFactorEnabled: u.two_factor_enabled || false,
    createOrganizationEnabled: u.create_organization_enabled || false,
    createOrganizationsLimit: u.create_organizations_limit || null,
    deleteSelfEnabled: u.delete_self_enabled || false,
    lastSignInAt: u.last_sign_in_at ? date(u.last_sign_in_at) : null,
    legalAcceptedAt: u.legal_accepted_at ? date(u.legal_accepted_at) : null,
    updatedAt: date(u.updated_at),
    createdAt: date(u.created_at),
  }
}

/** The session resource, its user included; `getToken` is `client.getToken`. */
export const session = (s, getToken) => ({
  id: s.id,
  status: s.status,
  expireAt: date(s.expire_at),
  abandonAt: date(s.abandon_at),
  factorVerificationAge: s.factor_verification_age,
  lastActiveAt: date(s.last_active_at),
  lastActiveOrganizationId: s.last_active_organization_id,
  actor: s.actor || null,
  createdAt: date(s.created_at),
  updatedAt: date(s.updated_at),
  user: user(s.user),
  tasks: s.tasks || null,
  publicUserData: publicUserData(s.public_user_data) ?? undefined,
  getToken,
})
