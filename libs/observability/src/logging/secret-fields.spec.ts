import { REDACTION_CENSOR, isSecretField, scrubRecord, scrubSecretFields } from './secret-fields';

describe('isSecretField', () => {
  it.each([
    'password',
    'clientSecret',
    'accessToken',
    'tokenHash',
    'x-api-key',
    'apiKey',
    'Authorization',
    'set-cookie',
    'credentials',
    'passphrase',
  ])('calls %s a secret', (name) => expect(isSecretField(name)).toBe(true));

  it.each(['intentId', 'route', 'statusCode', 'bypass', 'compass', 'headers'])(
    'does not call %s one',
    (name) => expect(isSecretField(name)).toBe(false),
  );
});

describe('scrubSecretFields', () => {
  it('returns the very same value when nothing in it is secret, so the common line allocates nothing', () => {
    const line = { req: { method: 'GET', headers: { accept: 'application/json' } }, list: [1, { a: 'b' }] };
    expect(scrubSecretFields(line)).toBe(line);
  });

  it('censors a secret at any depth and copies only the objects on the way to it', () => {
    const untouched = { kept: true };
    const line = { a: { b: [{ c: { token: 't', keep: 1 } }] }, untouched };
    const scrubbed = scrubSecretFields(line);

    expect(scrubbed).toEqual({ a: { b: [{ c: { token: REDACTION_CENSOR, keep: 1 } }] }, untouched });
    expect(scrubbed.untouched).toBe(untouched);
    expect(line.a.b[0].c.token).toBe('t');
  });

  it('writes an Error or class instance as the fields JSON would have written, scrubbed', () => {
    const failure = Object.assign(new Error('refused'), { code: 'E_AUTH', authorization: 'Bearer x' });
    expect(JSON.parse(JSON.stringify(scrubSecretFields({ failure })))).toEqual({
      failure: { code: 'E_AUTH', authorization: REDACTION_CENSOR },
    });
  });

  it('keeps values written by their own toJSON, and leaves absent fields absent', () => {
    const at = new Date('2026-12-03T00:00:00Z');
    expect(scrubSecretFields({ at, token: undefined })).toEqual({ at, token: undefined });
  });

  it('censors whatever is nested deeper than the limit, a cycle included', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    expect(JSON.stringify(scrubSecretFields(cycle))).toContain(REDACTION_CENSOR);
  });
});

describe('scrubRecord', () => {
  it('leaves the fields it is told to keep for their own scrubbing', () => {
    const raw = { token: 'raw' };
    const fields = { req: raw, secret: 's' };
    expect(scrubRecord(fields, 0, new Set(['req']))).toEqual({ req: raw, secret: REDACTION_CENSOR });
  });
});
