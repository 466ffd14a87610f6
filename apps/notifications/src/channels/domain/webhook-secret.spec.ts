import {
  InvalidWebhookSecretError,
  generateWebhookSecret,
  parseWebhookSecret,
  WEBHOOK_SECRET_PREFIX,
} from './webhook-secret';

describe('webhook secrets', () => {
  it('generates whsec_ + base64 of 32 random bytes, each one new', () => {
    const secret = generateWebhookSecret();
    expect(secret.startsWith(WEBHOOK_SECRET_PREFIX)).toBe(true);
    expect(parseWebhookSecret(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('parses 24 to 64 bytes', () => {
    const key = Buffer.alloc(24, 7);
    expect(parseWebhookSecret(`whsec_${key.toString('base64')}`).equals(key)).toBe(true);
    expect(parseWebhookSecret(`whsec_${Buffer.alloc(64, 1).toString('base64')}`)).toHaveLength(64);
  });

  it.each([
    ['no prefix', Buffer.alloc(32).toString('base64')],
    ['another prefix', `wh_${Buffer.alloc(32).toString('base64')}`],
    ['not base64', 'whsec_not base64!!'],
    ['bad padding', 'whsec_QUJD='],
    ['too short', `whsec_${Buffer.alloc(23).toString('base64')}`],
    ['too long', `whsec_${Buffer.alloc(65).toString('base64')}`],
    ['empty', 'whsec_'],
  ])('refuses %s with a typed error', (_case, secret) => {
    expect(() => parseWebhookSecret(secret)).toThrow(InvalidWebhookSecretError);
  });
});
