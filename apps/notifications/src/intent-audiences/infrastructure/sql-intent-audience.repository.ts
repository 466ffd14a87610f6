import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertNewerVersion } from '@envrefresh/persistence';
import { IntentAudienceRepository } from '../application/intent-audience.repository.port';
import { IntentAudience } from '../domain/intent-audience';

@Injectable()
export class SqlIntentAudienceRepository implements IntentAudienceRepository {
  save(manager: EntityManager, audience: IntentAudience): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: 'notifications', table: 'intent_audiences', key: 'intent_id' },
      {
        intent_id: audience.intentId,
        environment_id: audience.environmentId,
        status: audience.status,
        requested_by: JSON.stringify(audience.requestedBy),
        notification_groups: audience.notificationGroups,
        version: audience.version,
      },
    );
  }
}
