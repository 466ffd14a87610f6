import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { NotificationChannel } from '@envrefresh/contracts';
import { OutboundConfig, refusalOf } from '@envrefresh/outbound';
import { TargetPolicy } from '../application/target-policy.port';

export const OUTBOUND_CONFIG = Symbol('OutboundConfig');

@Injectable()
export class OutboundTargetPolicy implements TargetPolicy {
  constructor(@Inject(OUTBOUND_CONFIG) private readonly config: OutboundConfig) {}

  refusal(channel: NotificationChannel, target: string): string | null {
    if (channel === 'EMAIL') return null;
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return 'must be an absolute URL';
    }
    const schemes = this.config.allowHttp ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol))
      return `must use ${schemes.map((scheme) => scheme.slice(0, -1)).join(' or ')}${this.config.allowHttp ? '' : ' (OUTBOUND_ALLOW_HTTP=true allows http, for development)'}`;
    if (url.username || url.password) return 'must not carry credentials in the URL';
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // A name is judged where it resolves, at each call; a literal address can be judged now.
    if (isIP(host) === 0) return null;
    return refusalOf(host, host, this.config.allowedHosts) ?? null;
  }
}
