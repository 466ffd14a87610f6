import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BookingEnvironments } from '../application/booking-environments.port';

/** Reads the environments projection the conflicts service keeps from `environment.upserted`. */
@Injectable()
export class SqlBookingEnvironments implements BookingEnvironments {
  async exists(manager: EntityManager, environmentId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM conflicts.environments WHERE id = $1`, [
      environmentId,
    ]);
    return rows.length > 0;
  }
}
