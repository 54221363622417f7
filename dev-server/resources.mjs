// The Frontend API's resources as the spec (fapi/2026-05-12.yml, components/schemas) names them:
// Client.Client, Client.Session, Client.User, Client.OrganizationMembership, Token, and the
// environment. Field names and required fields are the spec's; values are the seed's.
import { membershipOf } from './seed.mjs'
import { mintSessionToken } from './session-token.mjs'

const LIVE = new Set(['active', 'pending'])

export function clientResource(ctx, client) {
  if (!client) return null
  return {
    object: 'client',
    id: client.id,
    sessions: ctx.store.liveSessions(client).map((s) => sessionResource(ctx, s)),
    sign_in: null,
    sign_up: null,
    last_active_session_id: client.lastActiveSessionId,
    last_authentication_strategy: null,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  }
}

export function sessionResource(ctx, session) {
  const user = ctx.index.users.get(session.userId)
  const live = LIVE.has(session.status)
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    expire_at: session.createdAt + 7 * 24 * 3600 * 1000,
    abandon_at: session.createdAt + 30 * 24 * 3600 * 1000,
    last_active_at: session.lastActiveAt,
    last_active_token: live
      ? { object: 'token', jwt: mintSessionToken(ctx, session, session.lastActiveOrganizationId) }
      : null,
    actor: session.actor,
    tasks: null,
    last_active_organization_id: session.lastActiveOrganizationId,
    user: userResource(ctx, user, session),
    public_user_data: publicUserData(user),
    factor_verification_age: session.fva,
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  }
}

function publicUserData(user) {
  return {
    first_name: user.first_name ?? null,
    last_name: user.last_name ?? null,
    image_url: user.image_url ?? null,
    has_image: Boolean(user.image_url),
    identifier: user.primary_email_address ?? user.id,
    user_id: user.id,
  }
}

export function userResource(ctx, user, session) {
  const at = session.createdAt
  const email = user.primary_email_address ?? null
  const emailId = email && `idn_${user.id}`
  return {
    object: 'user',
    id: user.id,
    username: null,
    first_name: user.first_name ?? null,
    last_name: user.last_name ?? null,
    ...(user.image_url ? { image_url: user.image_url } : {}),
    has_image: Boolean(user.image_url),
    primary_email_address_id: emailId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: false,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: email
      ? [
          {
            object: 'email_address',
            id: emailId,
            email_address: email,
            reserved: false,
            verification: { status: 'verified', strategy: 'email_code', attempts: null, expire_at: null },
            linked_to: [],
            created_at: at,
            updated_at: at,
          },
        ]
      : [],
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    organization_memberships: (user.memberships ?? []).map((m) => membershipResource(ctx, user, m.organization, at)),
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: {},
    unsafe_metadata: {},
    external_id: null,
    last_sign_in_at: at,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    created_at: at,
    updated_at: at,
    delete_self_enabled: false,
    create_organization_enabled: false,
    last_active_at: session.lastActiveAt,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    legal_accepted_at: null,
  }
}

function membershipResource(ctx, user, orgId, at) {
  const { org, role, permissions } = membershipOf(ctx.index, user, orgId)
  return {
    object: 'organization_membership',
    id: `orgmem_${user.id}_${org.id}`,
    public_metadata: {},
    role,
    role_name: role.replace(/^org:/, ''),
    permissions,
    created_at: at,
    updated_at: at,
    organization: {
      object: 'organization',
      id: org.id,
      name: org.name,
      slug: org.slug,
      has_image: false,
      max_allowed_memberships: 5,
      admin_delete_enabled: false,
      public_metadata: {},
      created_at: at,
      updated_at: at,
    },
  }
}

// What a client needs of the instance: where the Account Portal pages are (display_config) and
// enough of the settings for clerk-js to load. Everything else a real instance configures is off.
export function environmentResource(ctx) {
  const url = (path) => `${ctx.url}${path}`
  const development = ctx.instance === 'development'
  return {
    auth_config: {
      object: 'auth_config',
      id: 'aac_dev_server',
      first_name: 'off',
      last_name: 'off',
      email_address: 'on',
      phone_number: 'off',
      username: 'off',
      password: 'off',
      identification_requirements: [['email_address']],
      identification_strategies: ['email_address'],
      first_factors: ['email_code'],
      second_factors: [],
      email_address_verification_strategies: ['email_code'],
      single_session_mode: false,
      enhanced_email_deliverability: false,
      test_mode: false,
      url_based_session_syncing: development,
      claimed_at: null,
      reverification: true,
      native_settings: {
        object: 'native_settings',
        api_enabled: false,
        trusted_device_sign_in_enabled: false,
        trusted_device_enrollment_prompt_after_sign_in_enabled: false,
        trusted_device_enrollment_prompt_after_sign_up_enabled: false,
      },
    },
    display_config: {
      object: 'display_config',
      id: 'display_config_dev_server',
      instance_environment_type: ctx.instance,
      application_name: 'wasm-auth dev server',
      theme: {},
      preferred_sign_in_strategy: 'otp',
      home_url: url('/'),
      sign_in_url: url('/sign-in'),
      sign_up_url: url('/sign-up'),
      user_profile_url: url('/user'),
      waitlist_url: url('/waitlist'),
      oauth_consent_url: url('/oauth-consent'),
      after_sign_in_url: url('/'),
      after_sign_up_url: url('/'),
      after_sign_out_one_url: url('/sign-in/choose'),
      after_sign_out_all_url: url('/sign-in'),
      after_switch_session_url: url('/'),
      after_join_waitlist_url: url('/'),
      organization_profile_url: url('/organization'),
      create_organization_url: url('/create-organization'),
      after_leave_organization_url: url('/'),
      after_create_organization_url: url('/'),
      logo_link_url: url('/'),
      support_email: null,
      branded: false,
      experimental_force_oauth_first: false,
      clerk_js_version: null,
      show_devmode_warning: false,
      google_one_tap_client_id: null,
      help_url: null,
      privacy_policy_url: null,
      terms_url: null,
      logo_url: null,
      favicon_url: null,
      logo_image: null,
      favicon_image: null,
      captcha_public_key: null,
      captcha_widget_type: null,
      captcha_public_key_invisible: null,
      captcha_provider: null,
      captcha_oauth_bypass: [],
      ...ctx.config?.displayConfig,
    },
    user_settings: {},
    organization_settings: {
      enabled: true,
      max_allowed_memberships: 5,
      actions: { admin_delete: false },
      domains: { enabled: false, enrollment_modes: [], default_role: 'org:member' },
      creator_role: 'org:admin',
    },
    client_debug_mode: false,
    partitioned_cookies: false,
    maintenance_mode: false,
  }
}
