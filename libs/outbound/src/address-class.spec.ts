import { classifyAddress } from './address-class';
import { embeddedIpv4, ipv6Groups } from './ip-address';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['127.255.255.254', 'loopback', '127.0.0.0/8'],
    ['::1', 'loopback', '::1/128'],
    ['10.0.0.1', 'private', '10.0.0.0/8'],
    ['10.255.255.255', 'private', '10.0.0.0/8'],
    ['172.16.0.1', 'private', '172.16.0.0/12'],
    ['172.31.255.255', 'private', '172.16.0.0/12'],
    ['192.168.1.1', 'private', '192.168.0.0/16'],
    ['100.64.0.1', 'carrier-grade NAT', '100.64.0.0/10'],
    ['100.127.255.255', 'carrier-grade NAT', '100.64.0.0/10'],
    ['169.254.169.254', 'metadata', '169.254.169.254/32'],
    ['169.254.1.1', 'link-local', '169.254.0.0/16'],
    ['fd00:ec2::254', 'metadata', 'fd00:ec2::254/128'],
    ['100.100.100.200', 'metadata', '100.100.100.200/32'],
    ['fe80::1', 'link-local', 'fe80::/10'],
    ['febf:ffff::1', 'link-local', 'fe80::/10'],
    ['fc00::1', 'unique local', 'fc00::/7'],
    ['fd12:3456::1', 'unique local', 'fc00::/7'],
    ['0.0.0.0', 'unspecified', '0.0.0.0/8'],
    ['::', 'unspecified', '::/128'],
    ['224.0.0.1', 'multicast', '224.0.0.0/4'],
    ['ff02::1', 'multicast', 'ff00::/8'],
    ['255.255.255.255', 'broadcast', '255.255.255.255/32'],
    ['240.0.0.1', 'reserved', '240.0.0.0/4'],
    ['192.0.2.10', 'reserved', '192.0.2.0/24'],
    ['2001:db8::1', 'reserved', '2001:db8::/32'],
    ['::7f00:1', 'reserved', '::/8'],
  ])('refuses %s as %s (%s)', (address, category, range) => {
    expect(classifyAddress(address)).toEqual({ address, judgedAs: address, category, range });
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', '127.0.0.1', 'loopback'],
    ['0:0:0:0:0:ffff:a00:5', '10.0.0.5', 'private'],
    ['::ffff:169.254.169.254', '169.254.169.254', 'metadata'],
    ['::ffff:0.0.0.0', '0.0.0.0', 'unspecified'],
    ['64:ff9b::10.0.0.1', '10.0.0.1', 'private'],
    ['2002:c0a8:101::1', '192.168.1.1', 'private'],
  ])('judges %s as the IPv4 address %s it reaches', (address, judgedAs, category) => {
    expect(classifyAddress(address)).toMatchObject({ address, judgedAs, category });
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ])('lets the public address %s through', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it('reads an address in brackets or with a zone index', () => {
    expect(classifyAddress('[::1]')).toMatchObject({ category: 'loopback' });
    expect(classifyAddress('fe80::1%eth0')).toMatchObject({ category: 'link-local' });
  });

  it('fails closed on something that is not an IP address', () => {
    expect(classifyAddress('localhost')).toMatchObject({ category: 'reserved', range: 'not an IP address' });
  });
});

describe('IPv6 spelling', () => {
  it('expands every spelling to eight groups', () => {
    expect(ipv6Groups('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('fd00:ec2::254')).toEqual([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]);
    expect(ipv6Groups('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(ipv6Groups('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('finds no IPv4 address in a plain IPv6 or an IPv4 address', () => {
    expect(embeddedIpv4('2606:4700::1111')).toBeUndefined();
    expect(embeddedIpv4('10.0.0.1')).toBeUndefined();
  });
});
