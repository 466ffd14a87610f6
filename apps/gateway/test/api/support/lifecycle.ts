import { randomUUID } from 'node:crypto';
import {
  EnvironmentView,
  IntentAction,
  IntentStatus,
  IntentView,
  createEnvelope,
  scheduleCreatedEvent,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiResponse, describe as describeResponse } from './api-client';
import { ApiSuite } from './api-suite';
import { Persona, persona } from './personas';
import { nextWindow } from './windows';

/** The people a lifecycle needs; approver and operator sit in the environment's owner group so they see the intents. */
export interface Cast {
  admin: Persona;
  requester: Persona;
  approver: Persona;
  operator: Persona;
}

export const OWNER_GROUP = 'qa-team';

export function defaultCast(): Cast {
  return {
    admin: persona('ada-admin', ['admin'], ['platform']),
    requester: persona('rita-requester', ['requester'], ['dev-team']),
    approver: persona('april-approver', ['approver'], [OWNER_GROUP]),
    operator: persona('otto-operator', ['operator'], [OWNER_GROUP]),
  };
}

type Step = IntentAction | 'schedule';

/** How a fresh DRAFT reaches each state through the API. */
const PATHS: Record<IntentStatus, Step[]> = {
  DRAFT: [],
  REQUESTED: ['submit'],
  APPROVED: ['submit', 'approve'],
  SCHEDULED: ['submit', 'approve', 'schedule'],
  IN_PROGRESS: ['submit', 'approve', 'schedule', 'start'],
  COMPLETED: ['submit', 'approve', 'schedule', 'start', 'complete'],
  FAILED: ['submit', 'approve', 'schedule', 'start', 'fail'],
  ROLLED_BACK: ['submit', 'approve', 'schedule', 'start', 'rollback'],
  REJECTED: ['submit', 'reject'],
  CANCELLED: ['cancel'],
};

const NEXT_STATUS: Record<IntentAction, IntentStatus> = {
  submit: 'REQUESTED',
  approve: 'APPROVED',
  reject: 'REJECTED',
  start: 'IN_PROGRESS',
  complete: 'COMPLETED',
  fail: 'FAILED',
  rollback: 'ROLLED_BACK',
  cancel: 'CANCELLED',
};

let environmentsMade = 0;

export interface ActOptions {
  as?: Persona;
  /** Merged over `{ version }` (and the notes reject and fail need). */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Drives intents through the gateway the way the people of the cast would. */
export class Lifecycle {
  constructor(
    private readonly suite: ApiSuite,
    readonly cast: Cast = defaultCast(),
  ) {}

  /** The role the SPEC gives each action: the requester manages, the approver decides, the operator runs. */
  actorFor(action: IntentAction): Persona {
    if (action === 'submit' || action === 'cancel') return this.cast.requester;
    if (action === 'approve' || action === 'reject') return this.cast.approver;
    return this.cast.operator;
  }

  async createEnvironment(overrides: Record<string, unknown> = {}): Promise<EnvironmentView> {
    const key = `qa-${++environmentsMade}-${randomUUID().slice(0, 8)}`;
    const response = await this.suite.api.post<EnvironmentView>('/environments', {
      as: this.cast.admin,
      body: {
        key,
        name: `QA ${key}`,
        tier: 'QA',
        ownerGroup: OWNER_GROUP,
        timezone: 'Europe/Berlin',
        ...overrides,
      },
    });
    expectStatus(response, 201, `POST /environments`);
    return response.body;
  }

  async fileIntent(
    environment: EnvironmentView,
    overrides: Record<string, unknown> = {},
    as: Persona = this.cast.requester,
    headers: Record<string, string> = {},
  ): Promise<IntentView> {
    const response = await this.suite.api.post<IntentView>('/intents', {
      as,
      headers,
      body: {
        environmentId: environment.id,
        refreshType: 'MASKED_COPY',
        ...nextWindow(),
        reason: 'Masked production copy for the regression run',
        ...overrides,
      },
    });
    expectStatus(response, 201, 'POST /intents');
    return response.body;
  }

  act(intent: IntentView, action: IntentAction, options: ActOptions = {}): Promise<ApiResponse> {
    const notes =
      action === 'reject' || action === 'fail' ? { notes: `${action}: checked by the suite` } : {};
    return this.suite.api.post(`/intents/${intent.id}/${action}`, {
      as: options.as ?? this.actorFor(action),
      headers: options.headers,
      body: { version: intent.version, ...notes, ...(options.body ?? {}) },
    });
  }

  /** Applies an action that must succeed, and returns the intent it answered with. */
  async advance(intent: IntentView, action: IntentAction, options: ActOptions = {}): Promise<IntentView> {
    const response = await this.act(intent, action, options);
    expectStatus(response, 200, `POST /intents/{id}/${action} from ${intent.status}`);
    if (response.body.status !== NEXT_STATUS[action]) {
      throw new Error(`${action} from ${intent.status} answered ${describeResponse(response)}`);
    }
    return response.body as IntentView;
  }

  /**
   * Publishes schedule.created as the scheduling service would, and waits until the intent is
   * SCHEDULED: for suites that stop that service so intents stay APPROVED. Where it runs, it has
   * already registered the schedule (or will): the intents service takes whichever comes first and
   * ignores the other.
   */
  async schedule(intent: IntentView, correlationId = `schedule-${randomUUID()}`): Promise<IntentView> {
    await this.suite.events.publish(
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
        { correlationId, causationId: null },
      ),
    );
    return this.waitForStatus(intent, 'SCHEDULED');
  }

  async waitForStatus(intent: IntentView, status: IntentStatus, timeoutMs = 10_000): Promise<IntentView> {
    return eventually(
      async () => {
        const response = await this.get(intent.id);
        if (response.body?.status !== status) {
          throw new Error(`intent ${intent.id} is not ${status}: ${describeResponse(response)}`);
        }
        return response.body as IntentView;
      },
      { timeoutMs, intervalMs: 50 },
    );
  }

  get(intentId: string, as: Persona = this.cast.requester): Promise<ApiResponse<IntentView>> {
    return this.suite.api.get<IntentView>(`/intents/${intentId}`, { as });
  }

  /**
   * A fresh intent, filed on `environment`, brought to `status` through the API. One that is or
   * may next be started (SCHEDULED) is filed on an environment of its own: these suites lift
   * START_EARLY_TOLERANCE and start refreshes planned years ahead, and a start is judged from that
   * moment to plannedEnd, so every other refresh of the environment would lie in its way.
   */
  async intentIn(
    status: IntentStatus,
    environment: EnvironmentView,
    overrides: Record<string, unknown> = {},
  ): Promise<IntentView> {
    const mayStart = status === 'SCHEDULED' || PATHS[status].includes('start');
    const startedOn = mayStart
      ? await this.createEnvironment({ ownerGroup: environment.ownerGroup, tier: environment.tier })
      : environment;
    let intent = await this.fileIntent(startedOn, overrides);
    for (const step of PATHS[status]) {
      intent = step === 'schedule' ? await this.schedule(intent) : await this.advance(intent, step);
    }
    return intent;
  }
}

export function expectStatus(response: ApiResponse, status: number, what: string): void {
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${describeResponse(response)}`);
}
