import { isIP } from 'node:net';

export type IpFamily = 'ipv4' | 'ipv6';

export function ipFamilyOf(address: string): IpFamily | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/** URL hosts write IPv6 in brackets (`[::1]`); sockets and DNS answers do not. */
export function unbracketed(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The eight 16-bit groups of an IPv6 address, whatever its spelling (`::`, dotted tail). */
export function ipv6Groups(address: string): number[] {
  // The WHATWG URL parser canonicalises IPv6 (a dotted IPv4 tail becomes two hex groups).
  const canonical = new URL(`http://[${unbracketed(address)}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined
    ? left
    : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const dotted = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

/**
 * The IPv4 address an IPv6 address stands for, when it is one of the forms that carry one: mapped
 * (`::ffff:a.b.c.d`, which a dual-stack socket connects to a.b.c.d), NAT64 (`64:ff9b::/96`) and
 * 6to4 (`2002:AABB:CCDD::/48`). Such an address is judged as the IPv4 address it reaches.
 */
export function embeddedIpv4(address: string): string | undefined {
  if (ipFamilyOf(address) !== 'ipv6') return undefined;
  const groups = ipv6Groups(address);
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return dotted(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return dotted(groups[6], groups[7]);
  if (groups[0] === 0x2002) return dotted(groups[1], groups[2]);
  return undefined;
}
