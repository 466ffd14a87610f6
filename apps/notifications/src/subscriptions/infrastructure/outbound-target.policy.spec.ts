import { AllowedHosts, OutboundConfig } from '@envrefresh/outbound';
import { OutboundTargetPolicy } from './outbound-target.policy';

function policy(allowHttp: boolean, allowed = ''): OutboundTargetPolicy {
  const config: OutboundConfig = {
    allowHttp,
    allowedHosts: AllowedHosts.parse(allowed).allowed,
    timeoutMs: 1000,
    maxResponseBytes: 1024,
  };
  return new OutboundTargetPolicy(config);
}

describe('OutboundTargetPolicy', () => {
  it('takes https URLs of names, judged again where they resolve at each call', () => {
    expect(policy(false).refusal('WEBHOOK', 'https://hooks.example.com/x')).toBeNull();
    expect(policy(false).refusal('EMAIL', 'ops@example.com')).toBeNull();
  });

  it('refuses http unless allowed, URLs that do not parse, and credentials in the URL', () => {
    expect(policy(false).refusal('SLACK', 'http://hooks.example.com/x')).toMatch(
      /https.*OUTBOUND_ALLOW_HTTP/,
    );
    expect(policy(true).refusal('SLACK', 'http://hooks.example.com/x')).toBeNull();
    expect(policy(false).refusal('TEAMS', 'hooks.example.com/x')).toMatch(/absolute URL/);
    expect(policy(false).refusal('WEBHOOK', 'https://user:pw@hooks.example.com/')).toMatch(/credentials/);
  });

  it('refuses literal private, loopback, link-local and metadata addresses unless listed', () => {
    for (const target of [
      'https://10.1.2.3/',
      'https://127.0.0.1:8443/',
      'https://169.254.169.254/',
      'https://[::1]/',
    ])
      expect(policy(false).refusal('WEBHOOK', target)).toMatch(/OUTBOUND_ALLOWED_HOSTS/);
    expect(policy(false, '10.0.0.0/8').refusal('WEBHOOK', 'https://10.1.2.3/')).toBeNull();
    expect(policy(false).refusal('WEBHOOK', 'https://93.184.215.14/')).toBeNull();
  });
});
