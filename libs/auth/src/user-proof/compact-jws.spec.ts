import { createHmac, createPublicKey, sign } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { EnvReader } from '@envrefresh/config';
import {
  DEVELOPMENT_USER_PROOF_PRIVATE_KEY,
  readUserProofSigningConfig,
  readUserProofVerificationConfig,
} from './user-proof.keys';
import { USER_PROOF_ISSUER, USER_PROOF_TYPE, requestDigest } from './user-proof';
import { UserProofSigner } from './user-proof.signer';
import { UserProofVerifier } from './user-proof.verifier';

const user = { sub: 'april', roles: ['approver'], groups: ['payments'] };
const binding = {
  audience: 'intents',
  pattern: 'intents.transition',
  request: { payload: { intentId: 'i-1' } },
};
const signingConfig = readUserProofSigningConfig(new EnvReader({}), false);
const signer = new UserProofSigner(signingConfig);
const verifier = new UserProofVerifier(readUserProofVerificationConfig(new EnvReader({}), false));
const publicKey = createPublicKey(DEVELOPMENT_USER_PROOF_PRIVATE_KEY);
const now = () => Math.floor(Date.now() / 1000);

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const validClaims = () => ({
  ...user,
  rpc: binding.pattern,
  dig: requestDigest(binding.request),
  iss: USER_PROOF_ISSUER,
  aud: binding.audience,
  iat: now(),
  exp: now() + 60,
});
const header = (changes: Record<string, unknown> = {}) => ({
  alg: 'EdDSA',
  kid: signingConfig.keyId,
  typ: USER_PROOF_TYPE,
  ...changes,
});
/** A token as an attacker could put it together, signed with the gateway's real key where it says so. */
function forged(head: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${segment(head)}.${segment(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), DEVELOPMENT_USER_PROOF_PRIVATE_KEY).toString('base64url')}`;
}

describe('user assertions as compact JWS on node:crypto', () => {
  it('are standard EdDSA JWTs both ways: jose reads ours, ours reads jose-made ones', async () => {
    const ours = await signer.sign(user, binding);
    const { payload, protectedHeader } = await jwtVerify(ours, publicKey, {
      issuer: USER_PROOF_ISSUER,
      audience: binding.audience,
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: signingConfig.keyId, typ: USER_PROOF_TYPE });
    expect(payload).toMatchObject({ sub: 'april', rpc: binding.pattern });
    const josesMade = await new SignJWT({
      roles: user.roles,
      groups: user.groups,
      rpc: binding.pattern,
      dig: requestDigest(binding.request),
    })
      .setProtectedHeader(header())
      .setIssuer(USER_PROOF_ISSUER)
      .setAudience([binding.audience, 'another'])
      .setSubject(user.sub)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(DEVELOPMENT_USER_PROOF_PRIVATE_KEY);
    await expect(verifier.verify(josesMade, binding)).resolves.toEqual(user);
  });

  it.each([
    ['alg none', () => `${segment(header({ alg: 'none' }))}.${segment(validClaims())}.`, /not a JWS/],
    [
      'alg none with a signature',
      () => forged(header({ alg: 'none' }), validClaims()),
      /not an EdDSA user assertion/,
    ],
    [
      'HS256 keyed with the public key',
      () => {
        const input = `${segment(header({ alg: 'HS256' }))}.${segment(validClaims())}`;
        const mac = createHmac('sha256', publicKey.export({ type: 'spki', format: 'pem' })).update(input);
        return `${input}.${mac.digest('base64url')}`;
      },
      /not an EdDSA user assertion/,
    ],
    [
      'another typ (a user JWT)',
      () => forged(header({ typ: 'JWT' }), validClaims()),
      /not an EdDSA user assertion/,
    ],
    [
      'a critical header',
      () => forged(header({ crit: ['exp'] }), validClaims()),
      /not an EdDSA user assertion/,
    ],
    [
      'a payload changed after signing',
      () => {
        const [head, , signature] = forged(header(), validClaims()).split('.');
        return `${head}.${segment({ ...validClaims(), roles: ['admin'] })}.${signature}`;
      },
      /not signed by the gateway/,
    ],
    [
      'a signature cut short',
      () => forged(header(), validClaims()).slice(0, -4),
      /not signed by the gateway/,
    ],
    ['four segments', () => `${forged(header(), validClaims())}.x`, /not a JWS/],
    ['characters outside base64url', () => forged(header(), validClaims()).replace('.', '.+'), /not a JWS/],
    ['a payload that is no object', () => forged(header(), [1, 2] as never), /payload is not an object/],
    ['no exp', () => forged(header(), { ...validClaims(), exp: undefined }), /exp claim/],
    [
      'an exp that is text',
      () => forged(header(), { ...validClaims(), exp: String(now() + 60) }),
      /exp claim/,
    ],
    ['an nbf ahead', () => forged(header(), { ...validClaims(), nbf: now() + 30 }), /nbf claim/],
    [
      'an iat too old',
      () => forged(header(), { ...validClaims(), iat: now() - 80, exp: now() + 1 }),
      /expired/,
    ],
    ['another issuer', () => forged(header(), { ...validClaims(), iss: 'someone' }), /iss claim/],
    [
      'an audience list without this service',
      () => forged(header(), { ...validClaims(), aud: ['conflicts'] }),
      /aud claim/,
    ],
    ['no subject', () => forged(header(), { ...validClaims(), sub: undefined }), /no valid user/],
  ])('refuses %s', async (_case, token, reason) => {
    await expect(verifier.verify(token(), binding)).rejects.toThrow(reason);
  });

  it('accepts what the gateway would have signed, made by hand the same way', async () => {
    await expect(verifier.verify(forged(header(), validClaims()), binding)).resolves.toEqual(user);
  });
});
