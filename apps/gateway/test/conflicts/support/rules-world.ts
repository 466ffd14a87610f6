import { randomUUID } from 'node:crypto';
import {
  ConflictCheckView,
  EnvironmentView,
  IntentSource,
  IntentStatus,
  IntentView,
  createEnvelope,
  scheduleCreatedEvent,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiSuite } from '../../api/support/api-suite';
import { Persona, persona } from '../../api/support/personas';
import { ConflictCalendar, Span } from './calendar';

type Step = 'submit' | 'approve' | 'reject' | 'schedule' | 'start' | 'complete' | 'cancel';

/** How a fresh DRAFT reaches each status through the API (only the statuses scenarios use). */
const PATHS: Partial<Record<IntentStatus, Step[]>> = {
  DRAFT: [],
  REQUESTED: ['submit'],
  APPROVED: ['submit', 'approve'],
  SCHEDULED: ['submit', 'approve', 'schedule'],
  IN_PROGRESS: ['submit', 'approve', 'schedule', 'start'],
  COMPLETED: ['submit', 'approve', 'schedule', 'start', 'complete'],
  REJECTED: ['submit', 'reject'],
  CANCELLED: ['cancel'],
};

export interface IntentOptions {
  /** Who files it; the other party a conflict's explanation must name. */
  as?: Persona;
  source?: IntentSource;
}

/**
 * A ConflictCalendar that waits for the conflicts service to have heard of what it builds.
 * Environments and intents reach that service as events, so a dry run made right after creating
 * one could judge a picture without it; every helper here returns only once the service's own
 * tables show the thing as the API answered it. Bookings and windows belong to the conflicts
 * service and are there when their POST returns.
 */
export class RulesWorld extends ConflictCalendar {
  /** Someone other than the cast's requester, so explanations must name the right person. */
  readonly colleague = persona('bea-builder', ['requester'], ['payments-qa']);

  constructor(private readonly apiSuite: ApiSuite) {
    super(apiSuite);
  }

  /**
   * Dry runs as an admin, who may see every intent of a scenario: the scenarios check that
   * explanations name the right person, and to anyone who may not see an intent it is only
   * "another refresh" (hidden-intents.e2e.spec.ts).
   */
  override check(
    environment: EnvironmentView,
    span: Span,
    extra: Record<string, unknown> = {},
    as: Persona = this.cast.admin,
  ): Promise<ConflictCheckView> {
    return super.check(environment, span, extra, as);
  }

  override async environment(overrides: Record<string, unknown> = {}): Promise<EnvironmentView> {
    const environment = await super.environment(overrides);
    await this.untilKnown(environment);
    return environment;
  }

  /** Waits until the conflicts service holds `environment` with its dependencies and maintenance windows. */
  async untilKnown(environment: EnvironmentView): Promise<void> {
    await eventually(
      async () => {
        const { rows } = await this.apiSuite.db.query<{ depends_on: string[]; maintenance: number }>(
          `SELECT ARRAY(SELECT unnest(depends_on) AS key ORDER BY key COLLATE "C") AS depends_on,
                  jsonb_array_length(maintenance_windows) AS maintenance
             FROM conflicts.environments WHERE id = $1`,
          [environment.id],
        );
        expect(rows).toEqual([
          {
            depends_on: [...environment.dependsOn].sort(),
            maintenance: environment.maintenanceWindows.length,
          },
        ]);
      },
      { timeoutMs: 10_000, intervalMs: 25 },
    ).catch((error: Error) => {
      throw new Error(
        `the conflicts service never learned of environment ${environment.key}: ${error.message}`,
      );
    });
  }

  /** An intent on `environment` for `span`, brought to `status` through the API, as the conflicts service sees it. */
  async intent(
    status: IntentStatus,
    environment: EnvironmentView,
    span: Span,
    options: IntentOptions = {},
  ): Promise<IntentView> {
    const filer = options.as ?? this.colleague;
    let intent = await this.lifecycle.fileIntent(
      environment,
      {
        plannedStart: span.start,
        plannedEnd: span.end,
        ...(options.source ? { source: options.source } : {}),
      },
      filer,
    );
    const steps = PATHS[status];
    if (!steps) throw new Error(`scenarios do not build ${status} intents`);
    for (const step of steps) {
      if (step === 'schedule') {
        intent = await this.schedule(intent);
      } else {
        const as = step === 'submit' || step === 'cancel' ? filer : this.lifecycle.actorFor(step);
        intent = await this.lifecycle.advance(intent, step, { as });
      }
    }
    await this.untilTracked(intent);
    return intent;
  }

  /**
   * Plays the scheduling service, as Lifecycle.schedule does, but reads the intent back as the
   * approver: the colleague's intents are not the cast requester's to see.
   */
  private async schedule(intent: IntentView): Promise<IntentView> {
    await this.apiSuite.events.publish(
      createEnvelope(
        scheduleCreatedEvent,
        {
          intentId: intent.id,
          environmentId: intent.environmentId,
          plannedStart: intent.plannedStart,
          plannedEnd: intent.plannedEnd,
          status: 'ACTIVE',
          jobs: [],
        },
        { correlationId: `schedule-${randomUUID()}`, causationId: null },
      ),
    );
    return eventually(
      async () => {
        const response = await this.lifecycle.get(intent.id, this.cast.approver);
        expect(response.body).toMatchObject({ status: 'SCHEDULED' });
        return response.body;
      },
      { timeoutMs: 10_000, intervalMs: 50 },
    );
  }

  /** Waits until the conflicts service holds `intent` in its status and version (or a later one). */
  async untilTracked(intent: IntentView): Promise<void> {
    await eventually(
      async () => {
        const { rows } = await this.apiSuite.db.query<{ status: string; version: number }>(
          `SELECT status, version FROM conflicts.intent_windows WHERE intent_id = $1`,
          [intent.id],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0].version).toBeGreaterThanOrEqual(intent.version);
        if (rows[0].version === intent.version) expect(rows[0].status).toBe(intent.status);
      },
      { timeoutMs: 10_000, intervalMs: 25 },
    ).catch((error: Error) => {
      throw new Error(
        `the conflicts service never saw intent ${intent.id} ${intent.status}: ${error.message}`,
      );
    });
  }
}
