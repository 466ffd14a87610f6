import jwt from 'jsonwebtoken';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import { VERIFIER_DEFAULTS } from './jwt-verifier.fixture';
import { VerifiedTokens } from './verified-tokens';

const SECRET = 'a-test-secret-that-is-long-enough-123';
const CONFIG = {
  key: { kind: 'secret', algorithm: 'HS256', secret: SECRET },
  ...VERIFIER_DEFAULTS,
} as const;
const claims = { sub: 'pipeline', roles: ['requester'], groups: ['qa'] };
const sign = (options: jwt.SignOptions = {}, secret = SECRET) =>
  jwt.sign(claims, secret, { issuer: 'envrefresh', audience: 'envrefresh-api', expiresIn: 60, ...options });
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe('VerifiedTokens', () => {
  const now = Date.now();
  const exp = Math.floor(now / 1000) + 3_600;

  it('gives back the claims of a remembered token until its exp, then nothing', () => {
    const memory = new VerifiedTokens();
    const shortExp = Math.floor(now / 1000) + 60;
    memory.remember('token-a', { sub: 'a', exp: shortExp }, now);
    expect(memory.recall('token-a', now + 1_000)).toEqual({ sub: 'a', exp: shortExp });
    expect(memory.recall('token-a', shortExp * 1000)).toBeUndefined();
    // Forgotten once past it, not kept for a clock that goes back.
    expect(memory.recall('token-a', now)).toBeUndefined();
  });

  it('trusts a token no longer than the max age, however late its exp', () => {
    const memory = new VerifiedTokens(10, 1_000);
    memory.remember('token-a', { sub: 'a', exp }, now);
    expect(memory.recall('token-a', now + 999)).toBeDefined();
    expect(memory.recall('token-a', now + 1_000)).toBeUndefined();
  });

  it('knows nothing of a token it was not given, even with the same subject', () => {
    const memory = new VerifiedTokens();
    memory.remember('token-a', { sub: 'a', exp }, now);
    expect(memory.recall('token-b', now)).toBeUndefined();
  });

  it('keeps at most its capacity, forgetting the least recently used first', () => {
    const memory = new VerifiedTokens(3);
    for (const token of ['t1', 't2', 't3']) memory.remember(token, { sub: token, exp }, now);
    expect(memory.recall('t1', now)).toBeDefined(); // t1 is now the most recently used
    memory.remember('t4', { sub: 't4', exp }, now);
    memory.remember('t5', { sub: 't5', exp }, now);
    expect(memory.size).toBe(3);
    expect(memory.recall('t2', now)).toBeUndefined();
    expect(memory.recall('t3', now)).toBeUndefined();
    expect(['t1', 't4', 't5'].every((token) => memory.recall(token, now) !== undefined)).toBe(true);
  });

  it('does not remember a token that is already past its exp', () => {
    const memory = new VerifiedTokens();
    memory.remember('token-a', { sub: 'a', exp: Math.floor(now / 1000) - 1 }, now);
    expect(memory.size).toBe(0);
  });
});

describe('JwtVerifier with its memory of verified tokens', () => {
  it('answers a token verified before from memory, the same caller each time', async () => {
    const memory = new VerifiedTokens();
    const verifier = new JwtVerifier(CONFIG, memory);
    const token = sign();
    const first = await verifier.verify(token);
    expect(memory.size).toBe(1);
    first.roles.push('admin'); // a caller changing its actor changes nothing remembered
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'pipeline',
      name: undefined,
      email: undefined,
      roles: ['requester'],
      groups: ['qa'],
    });
  });

  it('refuses a remembered token once it has expired', async () => {
    const memory = new VerifiedTokens();
    const verifier = new JwtVerifier(CONFIG, memory);
    const now = new Date();
    const token = sign({ expiresIn: 60 });
    await verifier.verify(token, now);
    expect(memory.size).toBe(1);
    await expect(verifier.verify(token, later(now, 61_000))).rejects.toThrow('token has expired');
  });

  it('judges nbf at every use of a remembered token', async () => {
    const verifier = new JwtVerifier(CONFIG, new VerifiedTokens());
    const now = new Date();
    // Valid from 30 s after iat: accepted now within the skew, and its iat passes 45 s earlier too.
    const token = sign({ notBefore: 30 });
    await verifier.verify(token, now);
    await expect(verifier.verify(token, later(now, -45_000))).rejects.toThrow('token is not valid yet (nbf)');
  });

  it('verifies afresh another token of the same subject, and refuses it when its signature is wrong', async () => {
    const memory = new VerifiedTokens();
    const verifier = new JwtVerifier(CONFIG, memory);
    await verifier.verify(sign());
    const forged = sign({}, 'some-other-secret-that-is-long-enough');
    await expect(verifier.verify(forged)).rejects.toThrow('signature does not verify');
    expect(memory.size).toBe(1);
  });

  it('does not remember a token that failed, so it fails again', async () => {
    const memory = new VerifiedTokens();
    const verifier = new JwtVerifier(CONFIG, memory);
    const wrongAudience = sign({ audience: 'other' });
    await expect(verifier.verify(wrongAudience)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(wrongAudience)).rejects.toThrow(InvalidTokenError);
    expect(memory.size).toBe(0);
  });
});
