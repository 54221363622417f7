// This repo's own schemas for the Frontend API operations its client uses and its dev server
// answers, written from the facts of Clerk's published spec (fapi/2026-05-12.yml): the operations'
// paths and methods, their form fields, their answers' envelopes and resources, field names, types
// and required fields. spec.test.mjs checks each of them against the full spec; validator.mjs
// holds every exchange of the test suites to them.
//
// A schema marked `x-partial` declares only part of the spec's object (the part this repo sends
// or reads): its properties are still checked against the spec, its `required` is not held to the
// spec's. Every other object schema must require at least what the spec requires.

const string = { type: 'string' }
const integer = { type: 'integer' }
const boolean = { type: 'boolean' }
const nullable = (schema) => ({ ...schema, type: [schema.type, 'null'].flat() })
const array = (items) => ({ type: 'array', items })
const object = (properties, required = Object.keys(properties), extra = {}) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
  ...extra,
})
const partial = (properties, required = []) => object(properties, required, { 'x-partial': true })
const constant = (value) => ({ type: 'string', enum: [value] })
const anyObject = { type: 'object' }

// components/schemas/ClerkError, ClerkErrors
export const ClerkErrors = object(
  {
    errors: array(
      object({ message: string, long_message: string, code: string, meta: anyObject }, [
        'message',
        'long_message',
        'code',
      ]),
    ),
    meta: anyObject,
    clerk_trace_id: string,
  },
  ['errors'],
)

// components/schemas/Token
export const Token = object({ object: constant('token'), jwt: string })

// components/schemas/Client.PublicUserData
const PublicUserData = object(
  {
    first_name: nullable(string),
    last_name: nullable(string),
    image_url: nullable(string),
    has_image: boolean,
    identifier: string,
    user_id: nullable(string),
  },
  ['first_name', 'last_name', 'identifier', 'has_image'],
)

// components/schemas/Client.Organization, Client.OrganizationMembership
const Organization = object({
  object: constant('organization'),
  id: string,
  name: string,
  slug: string,
  has_image: boolean,
  max_allowed_memberships: integer,
  admin_delete_enabled: boolean,
  public_metadata: anyObject,
  created_at: integer,
  updated_at: integer,
})
const OrganizationMembership = object({
  object: constant('organization_membership'),
  id: string,
  public_metadata: anyObject,
  role: string,
  role_name: string,
  permissions: nullable(array(string)),
  created_at: integer,
  updated_at: integer,
  organization: Organization,
})

// components/schemas/Client.EmailAddress (its verification is a union the dev server does not model)
const EmailAddress = object({
  object: constant('email_address'),
  id: string,
  email_address: string,
  reserved: boolean,
  verification: nullable(anyObject),
  linked_to: array(anyObject),
  created_at: integer,
  updated_at: integer,
})

// components/schemas/Client.User
const User = partial(
  {
    object: constant('user'),
    id: string,
    username: nullable(string),
    first_name: nullable(string),
    last_name: nullable(string),
    image_url: string,
    has_image: boolean,
    primary_email_address_id: nullable(string),
    primary_phone_number_id: nullable(string),
    primary_web3_wallet_id: nullable(string),
    password_enabled: boolean,
    two_factor_enabled: boolean,
    totp_enabled: boolean,
    backup_code_enabled: boolean,
    email_addresses: array(EmailAddress),
    phone_numbers: array(anyObject),
    web3_wallets: array(anyObject),
    passkeys: array(anyObject),
    organization_memberships: array(OrganizationMembership),
    external_accounts: array(anyObject),
    saml_accounts: array(anyObject),
    enterprise_accounts: array(anyObject),
    public_metadata: anyObject,
    unsafe_metadata: anyObject,
    external_id: nullable(string),
    last_sign_in_at: nullable(integer),
    banned: boolean,
    locked: boolean,
    lockout_expires_in_seconds: nullable(integer),
    verification_attempts_remaining: nullable(integer),
    created_at: integer,
    updated_at: integer,
    delete_self_enabled: boolean,
    create_organization_enabled: boolean,
    last_active_at: nullable(integer),
    mfa_enabled_at: nullable(integer),
    mfa_disabled_at: nullable(integer),
    legal_accepted_at: nullable(integer),
  },
  ['object', 'id'],
)

// components/schemas/Client.SessionBase-2 and Client.Session-2
export const Session = object(
  {
    id: string,
    object: constant('session'),
    status: { type: 'string', enum: ['active', 'revoked', 'ended', 'expired', 'removed', 'abandoned', 'pending'] },
    expire_at: integer,
    abandon_at: integer,
    last_active_at: integer,
    last_active_token: nullable(Token),
    actor: nullable(anyObject),
    tasks: nullable(array(object({ key: string }))),
    last_active_organization_id: nullable(string),
    user: User,
    public_user_data: nullable(PublicUserData),
    factor_verification_age: array(integer),
    created_at: integer,
    updated_at: integer,
  },
  [
    'id',
    'object',
    'status',
    'expire_at',
    'abandon_at',
    'last_active_at',
    'last_active_organization_id',
    'public_user_data',
    'factor_verification_age',
    'created_at',
    'updated_at',
  ],
)

// components/schemas/Client.Client-2 (sign-in and sign-up attempts are not modelled here: null)
export const Client = object({
  object: constant('client'),
  id: string,
  sessions: array(Session),
  sign_in: nullable(partial({})),
  sign_up: nullable(partial({})),
  last_active_session_id: nullable(string),
  last_authentication_strategy: nullable(string),
  cookie_expires_at: nullable(integer),
  captcha_bypass: boolean,
  created_at: integer,
  updated_at: integer,
})

// components/schemas/Client.Environment: the part a client reads (display_config's Account
// Portal URLs) and enough settings for clerk-js to load.
const url = string
export const Environment = partial({
  auth_config: object({
    object: constant('auth_config'),
    id: string,
    first_name: { type: 'string', enum: ['on', 'off', 'required'] },
    last_name: { type: 'string', enum: ['on', 'off', 'required'] },
    email_address: { type: 'string', enum: ['on', 'off', 'required'] },
    phone_number: { type: 'string', enum: ['on', 'off', 'required'] },
    username: { type: 'string', enum: ['on', 'off', 'required'] },
    password: { type: 'string', enum: ['on', 'off', 'required'] },
    identification_requirements: array(array(string)),
    identification_strategies: array(string),
    first_factors: array(string),
    second_factors: array(string),
    email_address_verification_strategies: array(string),
    single_session_mode: boolean,
    enhanced_email_deliverability: boolean,
    test_mode: boolean,
    url_based_session_syncing: boolean,
    claimed_at: nullable(integer),
    reverification: boolean,
    native_settings: object({
      object: constant('native_settings'),
      api_enabled: boolean,
      trusted_device_sign_in_enabled: boolean,
      trusted_device_enrollment_prompt_after_sign_in_enabled: boolean,
      trusted_device_enrollment_prompt_after_sign_up_enabled: boolean,
    }),
  }),
  display_config: partial(
    {
      object: constant('display_config'),
      id: string,
      instance_environment_type: { type: 'string', enum: ['production', 'development', 'staging'] },
      application_name: string,
      theme: anyObject,
      preferred_sign_in_strategy: { type: 'string', enum: ['password', 'otp'] },
      home_url: url,
      sign_in_url: url,
      sign_up_url: url,
      user_profile_url: url,
      waitlist_url: url,
      oauth_consent_url: url,
      after_sign_in_url: url,
      after_sign_up_url: url,
      after_sign_out_one_url: url,
      after_sign_out_all_url: url,
      after_switch_session_url: url,
      after_join_waitlist_url: url,
      organization_profile_url: url,
      create_organization_url: url,
      after_leave_organization_url: url,
      after_create_organization_url: url,
      logo_link_url: url,
      support_email: nullable(string),
      branded: boolean,
      experimental_force_oauth_first: boolean,
      clerk_js_version: nullable(string),
      show_devmode_warning: boolean,
      google_one_tap_client_id: nullable(string),
      help_url: nullable(string),
      privacy_policy_url: nullable(string),
      terms_url: nullable(string),
      logo_url: nullable(string),
      favicon_url: nullable(string),
      logo_image: { type: 'null' },
      favicon_image: { type: 'null' },
      captcha_public_key: nullable(string),
      captcha_widget_type: { type: ['string', 'null'], enum: ['smart', 'invisible', null] },
      captcha_public_key_invisible: nullable(string),
      captcha_provider: { type: ['string', 'null'], enum: ['turnstile', null] },
      captcha_oauth_bypass: array(string),
    },
    ['instance_environment_type', 'sign_in_url', 'sign_up_url'],
  ),
  user_settings: partial({}),
  organization_settings: object({
    enabled: boolean,
    max_allowed_memberships: integer,
    actions: object({ admin_delete: boolean }),
    domains: object({ enabled: boolean, enrollment_modes: array(string), default_role: string }),
    creator_role: string,
  }),
  client_debug_mode: boolean,
  partitioned_cookies: boolean,
  maintenance_mode: boolean,
})

const envelope = (response, client) => object({ response, client })

// The spec's responses (components/responses) for each operation.
const ClientWrappedClient = envelope(nullable(Client), nullable(Client))
const ClientWrappedSession = envelope(Session, Client)
const TouchWrappedSession = envelope(Session, nullable(Client))
const DeleteSession = envelope(nullable(Client), nullable(partial({})))
// The token endpoints' answer: the spec's inline schema, `{ jwt }`.
const TokenResponse = object({ jwt: string })

const none = object({})
const errors = (...statuses) => Object.fromEntries(statuses.map((s) => [s, ClerkErrors]))

// A redirect: no body (the dev server shows it to `observe` as null).
const noBody = { type: 'null' }

/**
 * The handshake's query. The spec's parameters (redirect_url, format, organization_id,
 * satellite_fapi), and those Clerk's backend adds though the spec does not list them
 * (packages/backend/src/tokens/handshake.ts, buildRedirectToHandshake), named in `x-sdk`:
 * the API version it supports (its own, which may be newer than this spec's), whether the app
 * reads suffixed cookies, why it asks, and the app's current session token.
 */
const HandshakeQuery = object(
  {
    redirect_url: string,
    format: { type: 'string', enum: ['nonce', 'token'] },
    organization_id: string,
    satellite_fapi: string,
    __clerk_api_version: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    suffixed_cookies: { type: 'string', enum: ['true', 'false'] },
    __clerk_hs_reason: string,
    __session: string,
  },
  [],
  { 'x-sdk': ['__clerk_api_version', 'suffixed_cookies', '__clerk_hs_reason', '__session'] },
)

/**
 * The operations, as the spec's paths name them. `form` is the request body's schema (`none`:
 * the spec takes no body); `query`, when given, the query parameters beyond the transport's;
 * `responses` maps each status the spec lists to its body's schema.
 */
export const operations = [
  {
    id: 'getClient',
    method: 'GET',
    path: '/v1/client',
    form: none,
    responses: { 200: ClientWrappedClient, ...errors(400, 401, 403) },
  },
  {
    id: 'createSessionToken',
    method: 'POST',
    path: '/v1/client/sessions/{session_id}/tokens',
    form: object({ organization_id: nullable(string) }, []),
    responses: { 200: TokenResponse, ...errors(401, 403, 404) },
  },
  {
    id: 'createSessionTokenWithTemplate',
    method: 'POST',
    path: '/v1/client/sessions/{session_id}/tokens/{template_name}',
    form: none,
    responses: { 200: TokenResponse, ...errors(401, 404) },
  },
  {
    id: 'touchSession',
    method: 'POST',
    path: '/v1/client/sessions/{session_id}/touch',
    form: object(
      {
        active_organization_id: nullable(string),
        intent: { type: ['string', 'null'], enum: ['focus', 'select_session', 'select_org', null] },
      },
      [],
    ),
    responses: { 200: TouchWrappedSession, ...errors(400, 401, 403, 404, 422) },
  },
  {
    id: 'removeClientSessionsAndRetainCookie',
    method: 'DELETE',
    path: '/v1/client/sessions',
    form: none,
    responses: { 200: DeleteSession, ...errors(401, 404) },
  },
  {
    id: 'removeSession',
    method: 'POST',
    path: '/v1/client/sessions/{session_id}/remove',
    form: none,
    responses: { 200: ClientWrappedSession, ...errors(400, 401, 404) },
  },
  {
    id: 'endSession',
    method: 'POST',
    path: '/v1/client/sessions/{session_id}/end',
    form: none,
    responses: { 200: ClientWrappedSession, ...errors(400, 401, 404) },
  },
  {
    // The spec gives the answer no schema; clerk-js reads `id` (core/auth/devBrowser.ts).
    id: 'createDevBrowser',
    method: 'POST',
    path: '/v1/dev_browser',
    form: none,
    responses: { 200: partial({ object: constant('dev_browser'), id: string }, ['id']), 400: ClerkErrors },
  },
  {
    id: 'getEnvironment',
    method: 'GET',
    path: '/v1/environment',
    form: none,
    responses: { 200: Environment, ...errors(400, 401) },
  },
  {
    // A document navigation, answered by a redirect back to redirect_url (dev-server/handshake.mjs).
    id: 'handshakeClient',
    method: 'GET',
    path: '/v1/client/handshake',
    form: none,
    query: HandshakeQuery,
    responses: { 307: noBody, ...errors(400, 403, 404, 422, 500) },
  },
  {
    id: 'updateEnvironment',
    method: 'PATCH',
    path: '/v1/environment',
    form: none,
    responses: { 200: Environment },
  },
]

/** The API version of the spec these schemas follow, which wasm-auth sends. */
export const API_VERSION = '2026-05-12'

/**
 * Query parameters a request may carry, which the spec leaves to the transport (clerk-js:
 * core/fapiClient.ts, core/auth/devBrowser.ts): the API version (wasm-auth always sends it,
 * tests/browser/instance.test.mjs proves; an app's own fetch may leave it out, as the Frontend API
 * then answers in the instance's version), `_method` for methods other than GET and POST, the dev
 * browser token of a development instance.
 */
export const transportQuery = object(
  {
    __clerk_api_version: { type: 'string', enum: [API_VERSION] },
    _method: { type: 'string', enum: ['DELETE', 'PATCH', 'PUT'] },
    __clerk_db_jwt: string,
  },
  [],
)

/** ... and those clerk-js adds: its version (by which the validator knows it), a newer API version. */
export const clerkJsQuery = object(
  {
    __clerk_api_version: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    _method: { type: 'string', enum: ['DELETE', 'PATCH', 'PUT'] },
    __clerk_db_jwt: string,
    _clerk_js_version: string,
    _clerk_session_id: string,
    _clerk_retry_attempt: string,
    debug: string,
  },
  ['__clerk_api_version', '_clerk_js_version'],
)
