import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntentView } from '@envrefresh/contracts';
import { ownerQueryRefs } from '@envrefresh/application';
import { isUuid } from '@envrefresh/kernel';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { toIntentView } from './intent-view.mapper';

/**
 * ADR 0014: another service's projection of intents asks for ones it is behind on. No user: the
 * answer is what the intent's latest event already told every consumer on the broker, nothing
 * more, and it changes nothing.
 */
@Injectable()
export class IntentSourceQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
  ) {}

  async byIds(ids: unknown): Promise<IntentView[]> {
    const wanted = ownerQueryRefs(ids, 'ids').filter(isUuid);
    const found = await Promise.all(wanted.map((id) => this.intents.findById(this.dataSource.manager, id)));
    return found.flatMap((stored) => (stored ? [toIntentView(stored.intent.snapshot())] : []));
  }
}
