import { BlockList } from 'node:net';
import { embeddedIpv4, ipFamilyOf, unbracketed } from './ip-address';
import { AddressCategory, REFUSED_RANGES, RefusedRange } from './refused-ranges';

export interface RefusedAddress {
  /** The address as given. */
  address: string;
  /** The address it was judged as: itself, or the IPv4 address an IPv6 form carries. */
  judgedAs: string;
  category: AddressCategory;
  /** The range that refused it, e.g. `10.0.0.0/8`. */
  range: string;
}

const COMPILED = REFUSED_RANGES.map((refused) => {
  const list = new BlockList();
  list.addSubnet(refused.network, refused.prefix, refused.family);
  return { refused, list };
});

const cidrOf = (refused: RefusedRange) => `${refused.network}/${refused.prefix}`;

/**
 * Why an IP address is not a public destination, or undefined when it is one. Pure: no DNS, no
 * socket. Anything that is not an IP address at all is refused as reserved, so a caller that
 * passes a hostname by mistake fails closed.
 */
export function classifyAddress(address: string): RefusedAddress | undefined {
  // A zone index (`fe80::1%eth0`) picks an interface, not an address.
  const given = unbracketed(address).replace(/%.*$/, '');
  const judgedAs = embeddedIpv4(given) ?? given;
  const family = ipFamilyOf(judgedAs);
  if (!family) return { address, judgedAs, category: 'reserved', range: 'not an IP address' };
  const match = COMPILED.find(
    ({ refused, list }) => refused.family === family && list.check(judgedAs, family),
  );
  return match && { address, judgedAs, category: match.refused.category, range: cidrOf(match.refused) };
}
