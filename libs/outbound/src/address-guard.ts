import { classifyAddress } from './address-class';
import { AllowedHosts } from './allowed-hosts';

/**
 * The rule of SPEC.md: no call reaches a private, loopback, link-local or metadata address unless
 * its host or network is allowed. Returns why `address` (which `host` led to) is refused, or
 * undefined when the call may connect to it.
 */
export function refusalOf(host: string, address: string, allowed: AllowedHosts): string | undefined {
  const refused = classifyAddress(address);
  if (!refused || allowed.allows(host, address)) return undefined;
  const judged = refused.judgedAs === refused.address ? '' : ` (judged as ${refused.judgedAs})`;
  const via = host === address ? '' : ` for host ${host}`;
  return `${address}${judged}${via} is in the ${refused.category} range ${refused.range}, and OUTBOUND_ALLOWED_HOSTS lists neither the host nor its network`;
}
