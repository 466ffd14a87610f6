import type { EventEnvelope } from '@envrefresh/contracts';
import { NoticeEnvironment } from './notice';

/** What a renderer reads: the event, why this reader is told, and where it happens. */
export interface NoticeInput {
  event: EventEnvelope;
  reasons: readonly string[];
  environment: NoticeEnvironment | null;
  /** The public base URL of the API (PUBLIC_URL), for links. */
  publicUrl: string;
}
