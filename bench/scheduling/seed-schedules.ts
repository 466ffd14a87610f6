import { DataSource } from 'typeorm';
import { exampleIntent } from '@envrefresh/contracts';

const FAR_AHEAD = '2040-01-01T00:00:00Z';

/**
 * `schedules` intents, each with an ACTIVE schedule of five PENDING jobs (reminders P7D, P1D,
 * PT1H, start, overrun) years ahead, written as the service writes them, in a few statements.
 */
export async function seedSchedules(dataSource: DataSource, schedules: number): Promise<void> {
  const view = exampleIntent('SCHEDULED');
  await dataSource.query(
    `INSERT INTO scheduling.planned_refreshes (intent_id, environment_id, status, planned_start, planned_end, version, view)
     SELECT md5('intent' || g)::uuid, $2::uuid, 'SCHEDULED', $3::timestamptz + g * interval '1 minute',
            $3::timestamptz + g * interval '1 minute' + interval '4 hours', 4,
            jsonb_set(jsonb_set($4::jsonb, '{id}', to_jsonb(md5('intent' || g)::uuid::text)), '{version}', '4')
       FROM generate_series(1, $1::int) g`,
    [schedules, view.environmentId, FAR_AHEAD, JSON.stringify(view)],
  );
  await dataSource.query(
    `INSERT INTO scheduling.schedules (id, intent_id, environment_id, status, planned_start, planned_end, overrun_grace)
     SELECT md5('schedule' || g)::uuid, md5('intent' || g)::uuid, $2::uuid, 'ACTIVE',
            $3::timestamptz + g * interval '1 minute', $3::timestamptz + g * interval '1 minute' + interval '4 hours', 'PT30M'
       FROM generate_series(1, $1::int) g`,
    [schedules, view.environmentId, FAR_AHEAD],
  );
  await dataSource.query(
    `INSERT INTO scheduling.jobs (id, schedule_id, intent_id, kind, lead_time, due_at, status)
     SELECT md5('job' || g || '-' || k)::uuid, md5('schedule' || g)::uuid, md5('intent' || g)::uuid,
            (ARRAY['REMINDER','REMINDER','REMINDER','START','OVERRUN'])[k],
            (ARRAY['P7D','P1D','PT1H',NULL,NULL])[k],
            $2::timestamptz + g * interval '1 minute'
              + (ARRAY[interval '-7 days', interval '-1 day', interval '-1 hour', interval '0', interval '4.5 hours'])[k],
            'PENDING'
       FROM generate_series(1, $1::int) g, generate_series(1, 5) k`,
    [schedules, FAR_AHEAD],
  );
  await dataSource.query('ANALYZE scheduling.jobs');
}

/**
 * Makes `count` seeded START jobs due: spread over `count / rate` seconds from `from` (the lag
 * phase), or all at `from` (the throughput phase, rate 0).
 */
export async function makeDue(
  dataSource: DataSource,
  firstSchedule: number,
  count: number,
  from: Date,
  ratePerSecond: number,
): Promise<void> {
  await dataSource.query(
    `UPDATE scheduling.jobs j SET due_at = $3::timestamptz + (s.n - 1) * $4::float8 * interval '1 millisecond'
       FROM (SELECT md5('job' || g || '-4')::uuid AS id, g - $1::int + 1 AS n FROM generate_series($1::int, $1::int + $2::int - 1) g) s
      WHERE j.id = s.id`,
    [firstSchedule, count, from.toISOString(), ratePerSecond > 0 ? 1000 / ratePerSecond : 0],
  );
}
