import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, parseWebhookSecret } from './webhook-secret';
import { webhookSignatureHeaders } from './webhook-signature';

describe('webhookSignatureHeaders', () => {
  const body = JSON.stringify({ id: 'e1', type: 'intent.approved', data: { a: 'é' } });
  const timestamp = Math.floor(Date.now() / 1000);

  it('signs both ways with the same key bytes', () => {
    const secret = generateWebhookSecret();
    const headers = webhookSignatureHeaders({ id: 'delivery-1', timestamp, body, secrets: [secret] });
    const hex = createHmac('sha256', parseWebhookSecret(secret)).update(`${timestamp}.${body}`).digest('hex');
    expect(headers['x-envrefresh-signature']).toBe(`t=${timestamp},v1=${hex}`);
    expect(headers['webhook-id']).toBe('delivery-1');
    expect(headers['webhook-timestamp']).toBe(String(timestamp));
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('carries one signature per secret during a rotation, each verifying alone', () => {
    const [newer, older] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = webhookSignatureHeaders({ id: 'd2', timestamp, body, secrets: [newer, older] });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(headers['x-envrefresh-signature'].match(/v1=/g)).toHaveLength(2);
    expect(() => new Webhook(newer).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(older).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('refuses to sign without a secret', () => {
    expect(() => webhookSignatureHeaders({ id: 'd', timestamp, body, secrets: [] })).toThrow();
  });
});
