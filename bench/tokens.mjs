// Realistic session tokens for the benchmarks: v2 claims as Clerk issues them (organization with
// permissions, features, plans, factor ages), signed RS256 with a 2048-bit key by jose.
import { SignJWT, exportSPKI, generateKeyPair } from 'jose'

/** `count` tokens; with `roles`, each organization member has a role of their own. */
export async function makeTokens(count = 16, { roles = false } = {}) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 })
  const now = Math.floor(Date.now() / 1000)
  const tokens = []
  for (let i = 0; i < count; i++) {
    const claims = {
      azp: 'http://localhost:3000',
      fva: [i % 5, i % 3 === 0 ? -1 : 12],
      sid: `sess_2pMdXQYgPqT0jB2yV${i}`,
      sts: 'active',
      v: 2,
      ...(i % 4 === 3
        ? { pla: 'u:free_user', fea: 'u:beta,u:dark_mode' }
        : {
            o: {
              id: `org_2Q6MwGK0ceOUcwo0VtaS${i}`,
              slg: `acme-${i}`,
              rol: roles ? `role_${i}` : i % 2 ? 'admin' : 'member',
              per: 'read,manage,create,delete,export',
              fpm: '3,31,1,17',
            },
            fea: 'o:sys_memberships,o:invoices,o:reports,ou:sso,u:beta',
            pla: 'o:pro',
          }),
    }
    tokens.push(
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'ins_2NNEqL2nrIRdJ194ndJqAHwEfxC', typ: 'JWT' })
        .setSubject(`user_2NNEqL2nrIRdJ194ndJqAHw${i}`)
        .setIssuer('https://clerk.example.com')
        .setIssuedAt(now)
        .setNotBefore(now - 10)
        .setExpirationTime(now + 3600)
        .setJti(`jti_${i}`)
        .sign(privateKey),
    )
  }
  return { tokens, publicKey, privateKey, publicKeyPem: await exportSPKI(publicKey) }
}
