import { generateKeyPairSync } from 'node:crypto';
import { EnvReader } from '@envrefresh/config';
import { readUserProofSigningConfig, readUserProofVerificationConfig } from './user-proof.keys';
import { InvalidUserProofError, requestDigest } from './user-proof';
import { UserProofSigner } from './user-proof.signer';
import { UserProofVerifier } from './user-proof.verifier';

const user = { sub: 'april', roles: ['approver'], groups: ['payments'] };
const request = { payload: { intentId: 'i-1', action: 'approve', version: 3 }, idempotencyKey: undefined };
const binding = { audience: 'intents', pattern: 'intents.transition', request };
const signer = new UserProofSigner(readUserProofSigningConfig(new EnvReader({}), false));
const verifier = new UserProofVerifier(readUserProofVerificationConfig(new EnvReader({}), false));

describe('user assertions (ADR 0017)', () => {
  it('round-trips the user for the same service, pattern and request, however its members are ordered', async () => {
    const assertion = await signer.sign(user, binding);
    const received = JSON.parse(
      JSON.stringify({
        correlationId: 'c',
        assertion,
        payload: { version: 3, action: 'approve', intentId: 'i-1' },
      }),
    );
    await expect(verifier.verify(assertion, { ...binding, request: received })).resolves.toEqual(user);
  });

  it('digests what a service receives: the assertion and correlation id are not part of it', () => {
    expect(requestDigest({ payload: { a: 1 }, assertion: 'x', correlationId: 'y' })).toBe(
      requestDigest({ payload: { a: 1 } }),
    );
    expect(requestDigest({ payload: { a: 1 } })).not.toBe(requestDigest({ payload: { a: 2 } }));
  });

  it.each([
    ['another audience', { audience: 'conflicts' }, /aud/],
    ['another pattern', { pattern: 'intents.get' }, /another request/],
    ['another request', { request: { payload: { intentId: 'i-2' } } }, /not the one/],
  ])('refuses %s', async (_case, change, reason) => {
    const assertion = await signer.sign(user, binding);
    await expect(verifier.verify(assertion, { ...binding, ...change })).rejects.toThrow(reason);
  });

  it('refuses an expired one, one from the future, and one from another key', async () => {
    const old = await signer.sign(user, binding, new Date(Date.now() - 120_000));
    await expect(verifier.verify(old, binding)).rejects.toThrow(/expired/);
    const ahead = await signer.sign(user, binding, new Date(Date.now() + 60_000));
    await expect(verifier.verify(ahead, binding)).rejects.toThrow(InvalidUserProofError);
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const other = new UserProofSigner(
      readUserProofSigningConfig(new EnvReader({ SERVICE_ASSERTION_PRIVATE_KEY: pem }), true),
    );
    await expect(verifier.verify(await other.sign(user, binding), binding)).rejects.toThrow(/unknown key/);
    await expect(verifier.verify(undefined, binding)).rejects.toThrow(/no user assertion/);
  });

  it('needs keys in production, and accepts several public keys for a rotation', () => {
    const problems = (env: Record<string, string>, read: (env: EnvReader) => unknown) => {
      const reader = new EnvReader(env);
      read(reader);
      try {
        reader.done();
        return [];
      } catch (error) {
        return (error as { problems: string[] }).problems;
      }
    };
    expect(problems({}, (env) => readUserProofSigningConfig(env, true))).toEqual([
      expect.stringMatching(/SERVICE_ASSERTION_PRIVATE_KEY is required/),
    ]);
    expect(problems({}, (env) => readUserProofVerificationConfig(env, true))).toEqual([
      expect.stringMatching(/SERVICE_ASSERTION_PUBLIC_KEY is required/),
    ]);
    const pub = () =>
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const config = readUserProofVerificationConfig(
      new EnvReader({ SERVICE_ASSERTION_PUBLIC_KEY: pub() + pub() }),
      true,
    );
    expect(config.publicKeys.size).toBe(2);
    expect(
      problems({ SERVICE_ASSERTION_PUBLIC_KEY: 'nope' }, (env) => readUserProofVerificationConfig(env, true)),
    ).toEqual([expect.stringMatching(/PEM public keys/)]);
  });
});
