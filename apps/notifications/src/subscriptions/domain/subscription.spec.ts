import { displayTarget, signingSecrets, Subscription } from './subscription';

const base: Subscription = {
  id: 's1',
  channel: 'WEBHOOK',
  target: 'https://hooks.example.com:8443/secret/path?token=x',
  secret: 'whsec_new',
  previousSecret: 'whsec_old',
  previousSecretUntil: '2030-01-02T00:00:00Z',
  filter: { groups: [], environmentIds: [], tiers: [], eventTypes: null },
  enabled: true,
  disabledReason: null,
  createdBy: { sub: 'ada' },
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
};

describe('subscription', () => {
  it('signs with both secrets during a rotation, newest first, then with the new one only', () => {
    expect(signingSecrets(base, new Date('2030-01-01T12:00:00Z'))).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(base, new Date('2030-01-02T00:00:00Z'))).toEqual(['whsec_new']);
  });

  it('shows a target as scheme and host only', () => {
    expect(displayTarget('WEBHOOK', base.target)).toBe('https://hooks.example.com:8443');
    expect(displayTarget('EMAIL', 'rita@payments.example.com')).toBe('mailto:payments.example.com');
  });
});
