import { KeyObject, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { EnvReader } from '@envrefresh/config';

/**
 * Outside production, without configured keys, every app derives the same development key pair
 * from this fixed seed (and says so loudly), so `npm start` and the tests need no key material.
 */
const DEVELOPMENT_SEED = createHash('sha256').update('envrefresh-development-user-proof-key').digest();
/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export const DEVELOPMENT_USER_PROOF_PRIVATE_KEY: KeyObject = createPrivateKey({
  key: Buffer.concat([ED25519_PKCS8_PREFIX, DEVELOPMENT_SEED]),
  format: 'der',
  type: 'pkcs8',
});

export interface UserProofSigningConfig {
  privateKey: KeyObject;
  /** Names the key in the assertion's header, so services holding several public keys pick it. */
  keyId: string;
  usingDevelopmentKey: boolean;
}

export interface UserProofVerificationConfig {
  /** By key id; several during a rotation. */
  publicKeys: ReadonlyMap<string, KeyObject>;
  usingDevelopmentKey: boolean;
}

/** The key id of a public key: the start of the SHA-256 of its SPKI form. */
export function userProofKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 16);
}

/** The gateway's signing key: SERVICE_ASSERTION_PRIVATE_KEY (PEM, Ed25519). */
export function readUserProofSigningConfig(env: EnvReader, production: boolean): UserProofSigningConfig {
  const pem = env.optionalString('SERVICE_ASSERTION_PRIVATE_KEY')?.replace(/\\n/g, '\n');
  if (!pem) {
    if (production) env.fail('SERVICE_ASSERTION_PRIVATE_KEY is required when NODE_ENV=production');
    return signingConfig(DEVELOPMENT_USER_PROOF_PRIVATE_KEY, true);
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') {
      env.fail('SERVICE_ASSERTION_PRIVATE_KEY must be an Ed25519 private key');
      return signingConfig(DEVELOPMENT_USER_PROOF_PRIVATE_KEY, true);
    }
    return signingConfig(key, false);
  } catch {
    env.fail('SERVICE_ASSERTION_PRIVATE_KEY must be a PEM private key (-----BEGIN PRIVATE KEY-----…)');
    return signingConfig(DEVELOPMENT_USER_PROOF_PRIVATE_KEY, true);
  }
}

/**
 * A service's verification keys: SERVICE_ASSERTION_PUBLIC_KEY, one or more PEM Ed25519 public
 * keys (during a rotation the old and the new one, one after the other).
 */
export function readUserProofVerificationConfig(
  env: EnvReader,
  production: boolean,
): UserProofVerificationConfig {
  const text = env.optionalString('SERVICE_ASSERTION_PUBLIC_KEY')?.replace(/\\n/g, '\n');
  if (!text) {
    if (production) env.fail('SERVICE_ASSERTION_PUBLIC_KEY is required when NODE_ENV=production');
    return verificationConfig([createPublicKey(DEVELOPMENT_USER_PROOF_PRIVATE_KEY)], true);
  }
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  const keys: KeyObject[] = [];
  for (const block of blocks) {
    try {
      const key = createPublicKey(block);
      if (key.asymmetricKeyType === 'ed25519') keys.push(key);
      else env.fail('SERVICE_ASSERTION_PUBLIC_KEY must hold Ed25519 public keys only');
    } catch {
      env.fail('SERVICE_ASSERTION_PUBLIC_KEY holds a PEM block that is not a public key');
    }
  }
  if (blocks.length === 0)
    env.fail(
      'SERVICE_ASSERTION_PUBLIC_KEY must be one or more PEM public keys (-----BEGIN PUBLIC KEY-----…)',
    );
  return verificationConfig(keys, false);
}

function signingConfig(privateKey: KeyObject, usingDevelopmentKey: boolean): UserProofSigningConfig {
  return { privateKey, keyId: userProofKeyId(createPublicKey(privateKey)), usingDevelopmentKey };
}

function verificationConfig(keys: KeyObject[], usingDevelopmentKey: boolean): UserProofVerificationConfig {
  return { publicKeys: new Map(keys.map((key) => [userProofKeyId(key), key])), usingDevelopmentKey };
}
