import { checkAll, newViolations } from './check-all';
import { checkDeliveries } from './check-deliveries';
import { checkEffects } from './check-effects';
import { checkJobs, JOB_DECISION_GRACE_MS } from './check-jobs';
import { checkEveryConsumer, checkPoison } from './check-messaging';
import { checkStatuses } from './check-statuses';
import { CheckpointFacts, CreatedKind, DeliveryFacts } from './facts';

const rows = (kind: CreatedKind, counts: Record<string, number>) =>
  new Map([[kind, new Map(Object.entries(counts))]]);

function cleanFacts(): CheckpointFacts {
  return {
    horizonMs: 1_000_000,
    creates: [{ kind: 'intent', marker: 'm1', answered2xx: true }],
    rowsByMarker: rows('intent', { m1: 1 }),
    transitions: [{ intentId: 'i1', action: 'approve', answered2xx: true }],
    historyCounts: new Map([['i1 approve', 1]]),
    outbox: [{ id: 'e1', type: 'intent.requested', createdAtMs: 1 }],
    consumers: [{ consumer: 'conflicts', boundTypes: ['intent.requested'], inboxIds: new Set(['e1']) }],
    jobs: [{ id: 'j1', status: 'FIRED', dueAtMs: 900_000, scheduleStatus: 'ACTIVE' }],
    jobEvents: new Map([['j1', 1]]),
    deliveries: [delivery({ id: 'd1', status: 'SENT' })],
    accepted: [{ webhookId: 'd1', phase: 'baseline', atMs: 2 }],
    poison: [{ consumer: 'conflicts', published: 3, deadLettered: 3 }],
    consumerQueues: [{ queue: 'envrefresh.conflicts.events', messages: 0 }],
    unsettled: [],
  };
}

function delivery(fields: Partial<DeliveryFacts> & Pick<DeliveryFacts, 'id' | 'status'>): DeliveryFacts {
  return { eventId: 'e1', subscriptionId: 's1', lastError: null, replayOf: null, createdAtMs: 1, ...fields };
}

const noRepeats = new Set<string>();

describe('the fault harness invariants', () => {
  it('find nothing wrong in a run that kept every promise', () => {
    const context = {
      requests: [{ route: 'POST /intents', status: 201, startedAtMs: 1, endedAtMs: 2 }],
      windows: [],
      phasesThatMayRepeatWebhooks: noRepeats,
    };
    expect(checkAll(cleanFacts(), context)).toEqual([]);
  });

  it('count a 2xx create without its row as lost and a second row as duplicated, even without a 2xx', () => {
    const found = checkEffects({
      ...cleanFacts(),
      creates: [
        { kind: 'booking', marker: 'gone', answered2xx: true },
        { kind: 'booking', marker: 'twice', answered2xx: false },
        { kind: 'booking', marker: 'never-answered', answered2xx: false },
      ],
      rowsByMarker: rows('booking', { twice: 2 }),
      transitions: [],
    });
    expect(found.map(({ kind, key }) => [kind, key])).toEqual([
      ['lost', 'oneEffect:booking gone'],
      ['duplicated', 'oneEffect:booking twice'],
    ]);
  });

  it('judge a transition tried several times by whether any try was answered 2xx', () => {
    const found = checkEffects({
      ...cleanFacts(),
      creates: [],
      transitions: [
        { intentId: 'i1', action: 'start', answered2xx: false },
        { intentId: 'i1', action: 'start', answered2xx: true },
        { intentId: 'i2', action: 'complete', answered2xx: true },
      ],
      historyCounts: new Map([
        ['i1 start', 1],
        ['i2 complete', 2],
      ]),
    });
    expect(found.map(({ kind, key }) => [kind, key])).toEqual([['duplicated', 'oneEffect:i2 complete']]);
  });

  it('find an event made before the horizon that a bound consumer never processed, and one no outbox holds', () => {
    const found = checkEveryConsumer({
      outbox: [
        { id: 'e1', type: 'intent.requested', createdAtMs: 1 },
        { id: 'e2', type: 'intent.requested', createdAtMs: 1 },
        { id: 'e3', type: 'booking.created', createdAtMs: 1 },
        { id: 'after-the-horizon', type: 'intent.requested', createdAtMs: 50 },
      ],
      horizonMs: 50,
      consumers: [
        { consumer: 'conflicts', boundTypes: ['intent.requested'], inboxIds: new Set(['e1', 'x9']) },
      ],
    });
    expect(found.map(({ kind, key }) => [kind, key])).toEqual([
      ['lost', 'everyConsumer:conflicts e2'],
      ['wrong', 'everyConsumer:conflicts x9'],
    ]);
  });

  it('find a job fired twice, one fired without its event, and an overdue one never fired', () => {
    const atMs = 100_000;
    const found = checkJobs({
      horizonMs: atMs,
      jobs: [
        { id: 'twice', status: 'FIRED', dueAtMs: 1, scheduleStatus: 'ACTIVE' },
        { id: 'silent', status: 'FIRED', dueAtMs: 1, scheduleStatus: 'DONE' },
        {
          id: 'overdue',
          status: 'PENDING',
          dueAtMs: atMs - JOB_DECISION_GRACE_MS - 1,
          scheduleStatus: 'ACTIVE',
        },
        { id: 'just-due', status: 'PENDING', dueAtMs: atMs - 1, scheduleStatus: 'ACTIVE' },
        { id: 'cancelled', status: 'PENDING', dueAtMs: 1, scheduleStatus: 'CANCELLED' },
      ],
      jobEvents: new Map([['twice', 2]]),
    });
    expect(found.map(({ kind, key }) => [kind, key])).toEqual([
      ['duplicated', 'jobsOnce:twice'],
      ['lost', 'jobsOnce:silent'],
      ['lost', 'jobsOnce:overdue pending'],
    ]);
  });

  it('find deliveries made before the horizon SENT but never received, DEAD without a reason, still open, or made twice', () => {
    const found = checkDeliveries(
      {
        deliveries: [
          delivery({ id: 'sent-unseen', status: 'SENT' }),
          delivery({ id: 'dead-mute', status: 'DEAD', eventId: 'e2', lastError: ' ' }),
          delivery({ id: 'dead-ok', status: 'DEAD', eventId: 'e3', lastError: 'HTTP 500' }),
          delivery({ id: 'open', status: 'RETRYING', eventId: 'e4' }),
          delivery({ id: 'second', status: 'SENT', eventId: 'e1' }),
          delivery({ id: 'in-flight', status: 'PENDING', eventId: 'e5', createdAtMs: 50 }),
        ],
        accepted: [
          { webhookId: 'second', phase: 'baseline', atMs: 10 },
          { webhookId: 'stranger', phase: 'baseline', atMs: 10 },
          { webhookId: 'made-after-the-horizon', phase: 'baseline', atMs: 60 },
        ],
        horizonMs: 50,
      },
      noRepeats,
    );
    expect(found.map(({ kind, key }) => [kind, key])).toEqual([
      ['lost', 'deliveriesOnce:sent-unseen'],
      ['wrong', 'deliveriesOnce:dead-mute'],
      ['lost', 'deliveriesOnce:open open'],
      ['duplicated', 'deliveriesOnce:e1 s1'],
      ['wrong', 'deliveriesOnce:stranger unknown'],
    ]);
  });

  it('allow a webhook accepted twice only in a phase that can interrupt a send after its answer', () => {
    const facts = {
      horizonMs: 100,
      deliveries: [delivery({ id: 'd1', status: 'SENT' })],
      accepted: [
        { webhookId: 'd1', phase: 'baseline', atMs: 2 },
        { webhookId: 'd1', phase: 'kill notifications', atMs: 3 },
      ],
    };
    expect(checkDeliveries(facts, new Set(['kill notifications']))).toEqual([]);
    expect(checkDeliveries(facts, noRepeats).map(({ kind }) => kind)).toEqual(['duplicated']);
  });

  it('allow 503 and 504 inside a fault window only, and no other 5xx anywhere', () => {
    const window = { phase: 'cut the database', faultAtMs: 100, readyAtMs: 200 };
    const found = checkStatuses(
      [
        { route: 'a', status: 504, startedAtMs: 150, endedAtMs: 155 },
        { route: 'b', status: 503, startedAtMs: 199, endedAtMs: 250 },
        { route: 'c', status: 500, startedAtMs: 150, endedAtMs: 151 },
        { route: 'd', status: 503, startedAtMs: 200, endedAtMs: 201 },
        { route: 'e', status: 0, startedAtMs: 50, endedAtMs: 99 },
        { route: 'f', status: 409, startedAtMs: 250, endedAtMs: 251 },
        { route: 'in flight when the fault began', status: 504, startedAtMs: 90, endedAtMs: 105 },
      ],
      [window],
    );
    expect(found.map(({ detail }) => detail)).toEqual([
      'c answered 500 during cut the database',
      'd answered 503 outside any fault, 0.0 s after cut the database was ready again',
      'e answered no answer outside any fault',
    ]);
  });

  it('find poison that missed its dead-letter queue and a queue that stopped flowing', () => {
    const found = checkPoison({
      poison: [{ consumer: 'intents', published: 3, deadLettered: 2 }],
      consumerQueues: [{ queue: 'q', messages: 4 }],
    });
    expect(found.map(({ kind, key }) => [kind, key])).toEqual([
      ['lost', 'poison:intents dlq'],
      ['wrong', 'poison:q stuck'],
    ]);
  });

  it('report each violation in the first checkpoint that found it', () => {
    const seen = new Set<string>();
    const facts = { ...cleanFacts(), unsettled: ['outbox of intents'] };
    const context = { requests: [], windows: [], phasesThatMayRepeatWebhooks: noRepeats };
    expect(newViolations(checkAll(facts, context), seen)).toHaveLength(1);
    expect(newViolations(checkAll(facts, context), seen)).toHaveLength(0);
  });
});
