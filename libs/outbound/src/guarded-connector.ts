import { lookup as dnsLookup } from 'node:dns/promises';
import { buildConnector } from 'undici';
import { refusalOf } from './address-guard';
import { AllowedHosts } from './allowed-hosts';
import { ipFamilyOf, unbracketed } from './ip-address';
import { OutboundError } from './outbound-error';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has; `dns.lookup` (the system resolver) by default. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, order: 'verbatim' });

/**
 * Wraps undici's connector so every connection is judged by the address it really connects to:
 * the host is resolved here, each of its addresses checked, and the socket is handed the checked
 * IP literal (with the host name kept for TLS verification and SNI), so nothing resolves the name
 * a second time and a DNS answer cannot change between the check and the connect (rebinding).
 * IP literals in URLs, which undici's own `lookup` hook never sees, go through the same check.
 * A refusal is reported before any socket exists.
 */
export function guardedConnector(options: {
  allowedHosts: AllowedHosts;
  lookup: Lookup;
  connect: buildConnector.BuildOptions;
}): buildConnector.connector {
  const connect = buildConnector(options.connect);
  return (target, callback) => {
    const host = unbracketed(target.hostname);
    addressToConnect(host, options.lookup, options.allowedHosts).then(
      (address) =>
        connect(
          {
            ...target,
            hostname: address,
            servername: target.servername ?? (ipFamilyOf(host) ? undefined : host),
          },
          callback,
        ),
      (error: Error) => callback(error, null),
    );
  };
}

async function addressToConnect(host: string, lookup: Lookup, allowed: AllowedHosts): Promise<string> {
  const addresses = ipFamilyOf(host) ? [host] : await resolve(host, lookup);
  // One refused answer refuses the host: a name that mixes public and private addresses is
  // either misconfigured or probing, and trying the next answer would hide it.
  for (const address of addresses) {
    const refusal = refusalOf(host, address, allowed);
    if (refusal) throw new OutboundError('OUTBOUND.ADDRESS_REFUSED', refusal, { address });
  }
  return addresses[0];
}

async function resolve(host: string, lookup: Lookup): Promise<string[]> {
  let answers: ResolvedAddress[];
  try {
    answers = await lookup(host);
  } catch (error) {
    throw new OutboundError(
      'OUTBOUND.DNS_FAILED',
      `${host} did not resolve: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
  const addresses = answers.map((answer) => answer.address).filter((address) => ipFamilyOf(address));
  if (addresses.length === 0)
    throw new OutboundError('OUTBOUND.DNS_FAILED', `${host} resolved to no IP address`);
  return addresses;
}
