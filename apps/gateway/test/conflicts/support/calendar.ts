import {
  BookingPriority,
  BookingView,
  ConflictCheckView,
  ConflictView,
  EnvironmentView,
  IntentView,
  WindowKind,
  WindowScope,
  WindowTiming,
  WindowView,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiResponse, describe as describeResponse } from '../../api/support/api-client';
import { ApiSuite } from '../../api/support/api-suite';
import { Lifecycle, expectStatus } from '../../api/support/lifecycle';
import { Persona } from '../../api/support/personas';

/** A window given as two instants, for readability in scenario tables. */
export interface Span {
  start: string;
  end: string;
}

/**
 * What conflict scenarios need on top of the intent lifecycle: bookings, blackout and
 * maintenance windows, dry-run checks and the conflicts the service keeps, all through the API.
 */
export class ConflictCalendar {
  constructor(
    private readonly suite: ApiSuite,
    readonly lifecycle: Lifecycle = new Lifecycle(suite),
  ) {}

  get cast() {
    return this.lifecycle.cast;
  }

  environment(overrides: Record<string, unknown> = {}): Promise<EnvironmentView> {
    return this.lifecycle.createEnvironment(overrides);
  }

  /** Files an intent with this window (and whatever else is given) and submits it. */
  async requested(environment: EnvironmentView, span: Span, overrides: Record<string, unknown> = {}) {
    return this.lifecycle.fileIntent(environment, {
      plannedStart: span.start,
      plannedEnd: span.end,
      submit: true,
      ...overrides,
    });
  }

  async book(
    environment: EnvironmentView,
    span: Span,
    booking: { priority?: BookingPriority; group?: string; purpose?: string } = {},
    as: Persona = this.cast.admin,
  ): Promise<BookingView> {
    const response = await this.suite.api.post<BookingView>('/bookings', {
      as,
      body: {
        environmentId: environment.id,
        start: span.start,
        end: span.end,
        group: booking.group ?? 'payments-qa',
        purpose: booking.purpose ?? 'release 4.2 testing',
        priority: booking.priority ?? 'HIGH',
      },
    });
    expectStatus(response, 201, 'POST /bookings');
    return response.body;
  }

  async cancelBooking(booking: BookingView, as: Persona = this.cast.admin): Promise<BookingView> {
    const response = await this.suite.api.request<BookingView>('DELETE', `/bookings/${booking.id}`, { as });
    expectStatus(response, 200, 'DELETE /bookings/{id}');
    return response.body;
  }

  async window(
    kind: WindowKind,
    timing: WindowTiming,
    scope: WindowScope = {},
    name = `${kind.toLowerCase()} window`,
  ): Promise<WindowView> {
    const response = await this.suite.api.post<WindowView>('/windows', {
      as: this.cast.admin,
      body: { kind, name, scope, ...timing },
    });
    expectStatus(response, 201, 'POST /windows');
    return response.body;
  }

  async deleteWindow(window: WindowView): Promise<WindowView> {
    const response = await this.suite.api.request<WindowView>('DELETE', `/windows/${window.id}`, {
      as: this.cast.admin,
    });
    expectStatus(response, 200, 'DELETE /windows/{id}');
    return response.body;
  }

  checkResponse(body: Record<string, unknown>, as: Persona = this.cast.requester): Promise<ApiResponse> {
    return this.suite.api.post('/conflicts/check', { as, body });
  }

  /** The dry run for a window on an environment; fails the test on anything but 200. */
  async check(
    environment: EnvironmentView,
    span: Span,
    extra: Record<string, unknown> = {},
    as: Persona = this.cast.requester,
  ): Promise<ConflictCheckView> {
    const response = await this.checkResponse(
      { environmentId: environment.id, plannedStart: span.start, plannedEnd: span.end, ...extra },
      as,
    );
    expectStatus(response, 200, 'POST /conflicts/check');
    return response.body as ConflictCheckView;
  }

  async conflictsOf(intent: IntentView, as: Persona = this.cast.approver): Promise<ConflictView[]> {
    const response = await this.suite.api.get<ConflictView[]>(`/intents/${intent.id}/conflicts`, { as });
    expectStatus(response, 200, 'GET /intents/{id}/conflicts');
    return response.body;
  }

  /** Waits until the intent's conflicts satisfy `expectation` (which throws until they do). */
  async eventuallyConflicts(
    intent: IntentView,
    expectation: (conflicts: ConflictView[]) => void,
    timeoutMs = 10_000,
  ): Promise<ConflictView[]> {
    return eventually(
      async () => {
        const conflicts = await this.conflictsOf(intent);
        expectation(conflicts);
        return conflicts;
      },
      { timeoutMs, intervalMs: 50 },
    );
  }
}

/** For failure messages. */
export { describeResponse };
