import { BlockList } from 'node:net';
import { embeddedIpv4, ipFamilyOf, unbracketed } from './ip-address';

/** RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Lower case, no trailing dot: how a name is compared with the host of a URL. */
export const normalHostName = (name: string) => name.toLowerCase().replace(/\.$/, '');

/**
 * `OUTBOUND_ALLOWED_HOSTS`: the hosts and networks an outbound call may reach even though their
 * addresses are private, loopback, link-local or metadata. A listed host name lets its every
 * address through (the operator trusts that name's DNS); a listed network or address lets those
 * addresses through whatever name led to them.
 */
export class AllowedHosts {
  private constructor(
    private readonly names: ReadonlySet<string>,
    private readonly networks: BlockList,
    readonly entries: readonly string[],
  ) {}

  static readonly NONE = new AllowedHosts(new Set(), new BlockList(), []);

  /** Parses a comma-separated list; each entry it cannot read is named in `problems`. */
  static parse(raw: string | undefined): { allowed: AllowedHosts; problems: string[] } {
    const names = new Set<string>();
    const networks = new BlockList();
    const entries: string[] = [];
    const problems: string[] = [];
    for (const entry of (raw ?? '').split(',').map((part) => part.trim())) {
      if (entry === '') continue;
      const problem = addEntry(entry, names, networks);
      if (problem) problems.push(problem);
      else entries.push(entry);
    }
    return { allowed: new AllowedHosts(names, networks, entries), problems };
  }

  /** Whether a call to `host` that resolved to `address` may go ahead despite the address. */
  allows(host: string, address: string): boolean {
    if (this.names.has(normalHostName(unbracketed(host)))) return true;
    const plain = unbracketed(address).replace(/%.*$/, '');
    const candidates = [plain, embeddedIpv4(plain)].filter((candidate) => candidate !== undefined);
    return candidates.some((candidate) => {
      const family = ipFamilyOf(candidate);
      return family !== undefined && this.networks.check(candidate, family);
    });
  }
}

function addEntry(entry: string, names: Set<string>, networks: BlockList): string | undefined {
  const [network, prefix, ...rest] = unbracketed(entry).split('/');
  const family = ipFamilyOf(network);
  if (family) {
    const bits = family === 'ipv4' ? 32 : 128;
    const length = prefix === undefined ? bits : Number(prefix);
    if (rest.length > 0 || !/^\d{1,3}$/.test(prefix ?? String(bits)) || length > bits)
      return `"${entry}" is not a network: write an address or address/prefix with a prefix from 0 to ${bits}`;
    networks.addSubnet(network, length, family);
    return undefined;
  }
  if (prefix !== undefined || !HOST_NAME.test(normalHostName(entry)))
    return `"${entry}" is neither a host name, an IP address nor a CIDR network`;
  names.add(normalHostName(entry));
  return undefined;
}
