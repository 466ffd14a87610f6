import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IntentRepository } from '../application/intent.repository.port';
import { RefreshIntent } from '../domain/refresh-intent';
import { RefreshIntentEntity } from './refresh-intent.entity';
import { toEntity } from './refresh-intent.mapper';

@Injectable()
export class TypeOrmIntentRepository implements IntentRepository {
  async insert(manager: EntityManager, intent: RefreshIntent): Promise<void> {
    await manager.insert(RefreshIntentEntity, toEntity(intent));
  }
}
