import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertNewerVersion } from '@envrefresh/persistence';
import { IntentWindowRepository } from '../application/intent-window.repository.port';
import { IntentWindow } from '../domain/intent-window';

@Injectable()
export class SqlIntentWindowRepository implements IntentWindowRepository {
  save(manager: EntityManager, window: IntentWindow): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: 'conflicts', table: 'intent_windows', key: 'intent_id' },
      {
        intent_id: window.intentId,
        environment_id: window.environmentId,
        status: window.status,
        planned: `[${window.start.toISOString()},${window.end.toISOString()})`,
        version: window.version,
      },
    );
  }
}
