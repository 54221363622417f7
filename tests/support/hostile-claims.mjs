// The claims shape that once grew wasm memory past 2 GiB: `features` organization features, each
// granting the one permission, whose name is `nameLength` characters long. Shared by the hostile
// claims tests and the decode benchmark.

/** `{ claims, features, name }`: v2 claims of that shape. */
export function hostileClaims({ features, nameLength }) {
  const name = 'n'.repeat(nameLength)
  const fea = Array.from({ length: features }, (_, i) => `o:f${i}`).join(',')
  const fpm = Array.from({ length: features }, () => '1').join(',')
  const claims = { v: 2, sub: 'user_1', sid: 'sess_1', fea, o: { id: 'org_1', rol: 'admin', per: name, fpm } }
  return { claims, features, name }
}
