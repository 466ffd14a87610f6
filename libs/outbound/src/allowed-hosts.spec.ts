import { AllowedHosts } from './allowed-hosts';
import { refusalOf } from './address-guard';

const allowedOf = (raw: string) => {
  const { allowed, problems } = AllowedHosts.parse(raw);
  expect(problems).toEqual([]);
  return allowed;
};

describe('AllowedHosts', () => {
  it('lets a listed host name through at any address, compared without case or trailing dot', () => {
    const allowed = allowedOf('hooks.internal.example, Relay.Example.');
    expect(allowed.allows('hooks.internal.example', '10.1.2.3')).toBe(true);
    expect(allowed.allows('HOOKS.internal.example.', '127.0.0.1')).toBe(true);
    expect(allowed.allows('relay.example', '::1')).toBe(true);
    expect(allowed.allows('other.example', '10.1.2.3')).toBe(false);
  });

  it('lets the addresses of listed IPv4 and IPv6 networks through, whatever the name', () => {
    const allowed = allowedOf('10.20.0.0/16, 127.0.0.1, fd12:3456::/32, [::1]');
    expect(allowed.allows('a.example', '10.20.30.40')).toBe(true);
    expect(allowed.allows('a.example', '10.21.0.1')).toBe(false);
    expect(allowed.allows('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(allowed.allows('127.0.0.2', '127.0.0.2')).toBe(false);
    expect(allowed.allows('b.example', 'fd12:3456:1::9')).toBe(true);
    expect(allowed.allows('b.example', 'fd12:3457::9')).toBe(false);
    expect(allowed.allows('::1', '::1')).toBe(true);
  });

  it('judges an IPv4-mapped IPv6 address by the IPv4 network', () => {
    expect(allowedOf('10.0.0.0/8').allows('x.example', '::ffff:10.9.9.9')).toBe(true);
  });

  it('names every entry it cannot read', () => {
    const { problems } = AllowedHosts.parse(
      '10.0.0.0/33, ::1/129, 10.0.0.0/8/1, bad_host, *.example, ok.example, 1.2.3.4/x',
    );
    expect(problems).toEqual([
      '"10.0.0.0/33" is not a network: write an address or address/prefix with a prefix from 0 to 32',
      '"::1/129" is not a network: write an address or address/prefix with a prefix from 0 to 128',
      '"10.0.0.0/8/1" is not a network: write an address or address/prefix with a prefix from 0 to 32',
      '"bad_host" is neither a host name, an IP address nor a CIDR network',
      '"*.example" is neither a host name, an IP address nor a CIDR network',
      '"1.2.3.4/x" is not a network: write an address or address/prefix with a prefix from 0 to 32',
    ]);
  });

  it('allows nothing when empty', () => {
    expect(AllowedHosts.parse(undefined).allowed.allows('localhost', '127.0.0.1')).toBe(false);
    expect(AllowedHosts.NONE.allows('localhost', '127.0.0.1')).toBe(false);
  });
});

describe('refusalOf', () => {
  it('names the address, the host that led to it, its category, its range and the way out', () => {
    expect(refusalOf('hooks.example', '10.0.0.5', AllowedHosts.NONE)).toBe(
      '10.0.0.5 for host hooks.example is in the private range 10.0.0.0/8, and OUTBOUND_ALLOWED_HOSTS lists neither the host nor its network',
    );
    expect(refusalOf('::ffff:127.0.0.1', '::ffff:127.0.0.1', AllowedHosts.NONE)).toBe(
      '::ffff:127.0.0.1 (judged as 127.0.0.1) is in the loopback range 127.0.0.0/8, and OUTBOUND_ALLOWED_HOSTS lists neither the host nor its network',
    );
  });

  it('has nothing to say about a public address or an allowed one', () => {
    expect(refusalOf('example.com', '93.184.215.14', AllowedHosts.NONE)).toBeUndefined();
    expect(refusalOf('127.0.0.1', '127.0.0.1', allowedOf('127.0.0.0/8'))).toBeUndefined();
  });
});
