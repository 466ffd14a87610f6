/** Why an address is not for outbound calls; `OUTBOUND_ALLOWED_HOSTS` may still let one through. */
export type AddressCategory =
  | 'metadata'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'carrier-grade NAT'
  | 'link-local'
  | 'unique local'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

export interface RefusedRange {
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  category: AddressCategory;
}

const range = (cidr: string, category: AddressCategory): RefusedRange => {
  const [network, prefix] = cidr.split('/');
  return { network, prefix: Number(prefix), family: network.includes(':') ? 'ipv6' : 'ipv4', category };
};

/**
 * Every address an outbound call may not reach by default, the most specific first so a refusal
 * names the narrowest reason (169.254.169.254 is "metadata", not merely "link-local"). IPv6
 * forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged as that IPv4 address before
 * this list is consulted; see `embeddedIpv4`.
 */
export const REFUSED_RANGES: readonly RefusedRange[] = [
  // Cloud instance metadata: AWS, GCP, Azure, OpenStack (IPv4); AWS Nitro (IPv6).
  range('169.254.169.254/32', 'metadata'),
  range('fd00:ec2::254/128', 'metadata'),
  // Alibaba Cloud's metadata service sits inside the carrier-grade NAT range.
  range('100.100.100.200/32', 'metadata'),

  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'carrier-grade NAT'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'reserved'),
  range('198.51.100.0/24', 'reserved'),
  range('203.0.113.0/24', 'reserved'),
  range('224.0.0.0/4', 'multicast'),
  range('255.255.255.255/32', 'broadcast'),
  range('240.0.0.0/4', 'reserved'),

  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  // IPv4-compatible (deprecated) and the unassigned rest of ::/8.
  range('::/8', 'reserved'),
  range('64:ff9b:1::/48', 'reserved'),
  range('100::/64', 'reserved'),
  range('2001::/23', 'reserved'),
  range('2001:db8::/32', 'reserved'),
  range('fc00::/7', 'unique local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'reserved'),
  range('ff00::/8', 'multicast'),
];
