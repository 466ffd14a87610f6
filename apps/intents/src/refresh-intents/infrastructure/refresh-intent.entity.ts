import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'refresh_intents' })
export class RefreshIntentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'environment_id', type: 'text' })
  environmentId: string;

  @Column({ name: 'refresh_type', type: 'text' })
  refreshType: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'planned_start', type: 'timestamptz' })
  plannedStart: Date;

  @Column({ name: 'planned_end', type: 'timestamptz' })
  plannedEnd: Date;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'jsonb', nullable: true })
  source: { environmentId?: string; snapshot?: string } | null;

  @Column({ name: 'notification_groups', type: 'text', array: true })
  notificationGroups: string[];

  @Column({ name: 'external_ref', type: 'text', nullable: true })
  externalRef: string | null;

  @Column({ name: 'requested_by', type: 'jsonb' })
  requestedBy: { sub: string; name?: string; email?: string };

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
