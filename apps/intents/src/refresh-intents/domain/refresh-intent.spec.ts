import {
  INTENT_ACTIONS,
  INTENT_STATUSES,
  IntentAction,
  allowedActions,
  nextStatus,
} from '@envrefresh/contracts';
import { DomainError, ValidationError } from '@envrefresh/kernel';
import { RefreshIntent } from './refresh-intent';
import { NOW, OWNER_GROUP, filing, people, storedIntent } from './refresh-intent.fixture';

const NEEDS_APPROVAL = { requiresApproval: true, ownerGroup: OWNER_GROUP };
const STANDARD = { requiresApproval: false, ownerGroup: OWNER_GROUP };

/** Someone entitled to each action on Rita's intent, with what the action needs. */
const ACTOR_OF: Record<IntentAction, typeof people.requester> = {
  submit: people.requester,
  cancel: people.requester,
  approve: people.approver,
  reject: people.approver,
  start: people.operator,
  complete: people.operator,
  fail: people.operator,
  rollback: people.operator,
};

function thrown(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('RefreshIntent: every (status, action) pair through the aggregate', () => {
  const pairs = INTENT_STATUSES.flatMap((status) =>
    INTENT_ACTIONS.map((action) => [status, action] as const),
  );

  it.each(pairs)('%s × %s', (status, action) => {
    const intent = storedIntent(status);
    const perform = () =>
      intent.perform(ACTOR_OF[action], { action, version: 7, notes: 'because' }, NEEDS_APPROVAL, NOW);
    const target = nextStatus(status, action);
    if (target) {
      perform();
      expect(intent.status).toBe(target);
      const [change] = intent.pullChanges();
      expect(change).toMatchObject({
        action,
        fromStatus: status,
        toStatus: target,
        notes: 'because',
        at: NOW,
      });
      expect(change.state.version).toBe(8);
      expect(intent.expectedStoredVersion).toBe(7);
    } else {
      const error = thrown(perform);
      expect(error).toMatchObject({ code: 'INTENT.INVALID_TRANSITION', kind: 'conflict' });
      expect(error.details.allowedActions).toEqual(allowedActions(status));
      expect(intent.status).toBe(status);
      expect(intent.pullChanges()).toEqual([]);
    }
  });
});

describe('RefreshIntent rules', () => {
  it('files a draft as version 1, or a submitted intent as REQUESTED, recording who asked', () => {
    const draft = RefreshIntent.file(filing, {
      id: 'i-1',
      requester: people.requester,
      environment: NEEDS_APPROVAL,
      now: NOW,
    });
    expect(draft.snapshot()).toMatchObject({
      status: 'DRAFT',
      version: 1,
      requestedBy: { sub: 'rita', name: 'Rita' },
    });
    expect(
      draft
        .pullChanges()
        .map((change) => [change.action, change.fromStatus, change.toStatus, change.eventType]),
    ).toEqual([['created', null, 'DRAFT', 'intent.drafted']]);
    const submitted = RefreshIntent.file(
      { ...filing, submit: true },
      { id: 'i-2', requester: people.requester, environment: NEEDS_APPROVAL, now: NOW },
    );
    expect(submitted.snapshot()).toMatchObject({ status: 'REQUESTED', version: 1 });
  });

  it('approves automatically where the environment needs no approval: two steps, the second by the system', () => {
    const intent = RefreshIntent.file(
      { ...filing, submit: true },
      { id: 'i-3', requester: people.requester, environment: STANDARD, now: NOW },
    );
    expect(intent.snapshot()).toMatchObject({
      status: 'APPROVED',
      version: 2,
      autoApproved: true,
      approvedBy: { sub: 'system' },
    });
    expect(
      intent
        .pullChanges()
        .map((change) => [
          change.action,
          change.actor.sub,
          change.toStatus,
          change.eventType,
          change.state.version,
        ]),
    ).toEqual([
      ['created', 'rita', 'REQUESTED', 'intent.requested', 1],
      ['auto-approve', 'system', 'APPROVED', 'intent.approved', 2],
    ]);
    const draft = storedIntent('DRAFT');
    draft.perform(people.requester, { action: 'submit', version: 7 }, STANDARD, NOW);
    expect(
      draft.pullChanges().map((change) => [change.action, change.toStatus, change.state.version]),
    ).toEqual([
      ['submit', 'REQUESTED', 8],
      ['auto-approve', 'APPROVED', 9],
    ]);
  });

  it('refuses a stale version before anything else about the action', () => {
    const error = thrown(() =>
      storedIntent('REQUESTED').perform(
        people.approver,
        { action: 'approve', version: 6 },
        NEEDS_APPROVAL,
        NOW,
      ),
    );
    expect(error).toMatchObject({ code: 'INTENT.STALE_VERSION', kind: 'conflict' });
  });

  it('names version when it is missing or not a whole number', () => {
    for (const version of [undefined, '7', 7.5, -1]) {
      const error = thrown(() =>
        storedIntent('REQUESTED').perform(
          people.approver,
          { action: 'approve', version },
          NEEDS_APPROVAL,
          NOW,
        ),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((problem) => problem.field)).toEqual(['version']);
    }
  });

  it.each(['reject', 'fail'] as const)('%s needs notes that are not blank', (action) => {
    const status = action === 'reject' ? 'REQUESTED' : 'IN_PROGRESS';
    for (const notes of [undefined, '', '   ']) {
      const error = thrown(() =>
        storedIntent(status).perform(ACTOR_OF[action], { action, version: 7, notes }, NEEDS_APPROVAL, NOW),
      );
      expect(error).toMatchObject({
        code: 'INTENT.INVALID',
        details: { problems: [{ field: 'notes', message: expect.any(String) }] },
      });
    }
  });

  it('keeps duties separate: nobody approves or rejects their own intent, admins included', () => {
    const own = { requestedBy: { sub: 'ada' } };
    for (const action of ['approve', 'reject'] as const) {
      const error = thrown(() =>
        storedIntent('REQUESTED', own).perform(
          people.admin,
          { action, version: 7, notes: 'x' },
          NEEDS_APPROVAL,
          NOW,
        ),
      );
      expect(error).toMatchObject({ code: 'INTENT.SELF_APPROVAL', kind: 'forbidden' });
    }
    const approverOwn = { requestedBy: { sub: 'april' } };
    expect(
      thrown(() =>
        storedIntent('REQUESTED', approverOwn).perform(
          people.approver,
          { action: 'approve', version: 7 },
          NEEDS_APPROVAL,
          NOW,
        ),
      ),
    ).toMatchObject({ code: 'INTENT.SELF_APPROVAL' });
    storedIntent('REQUESTED').perform(people.admin, { action: 'approve', version: 7 }, NEEDS_APPROVAL, NOW);
  });

  it('lets a requester submit and cancel only their own intents; an admin any', () => {
    expect(
      thrown(() =>
        storedIntent('DRAFT').perform(
          people.otherRequester,
          { action: 'submit', version: 7 },
          NEEDS_APPROVAL,
          NOW,
        ),
      ),
    ).toMatchObject({ code: 'INTENT.NOT_REQUESTER', kind: 'forbidden' });
    expect(
      thrown(() =>
        storedIntent('DRAFT').perform(people.approver, { action: 'cancel', version: 7 }, NEEDS_APPROVAL, NOW),
      ),
    ).toMatchObject({ code: 'INTENT.NOT_REQUESTER' });
    storedIntent('DRAFT').perform(people.admin, { action: 'cancel', version: 7 }, NEEDS_APPROVAL, NOW);
  });

  it('needs the approver role to approve and the operator role to run a refresh', () => {
    expect(
      thrown(() =>
        storedIntent('REQUESTED').perform(
          people.otherRequester,
          { action: 'approve', version: 7 },
          NEEDS_APPROVAL,
          NOW,
        ),
      ),
    ).toMatchObject({ code: 'INTENT.ROLE_REQUIRED', kind: 'forbidden' });
    expect(
      thrown(() =>
        storedIntent('SCHEDULED').perform(
          people.approver,
          { action: 'start', version: 7 },
          NEEDS_APPROVAL,
          NOW,
        ),
      ),
    ).toMatchObject({ code: 'INTENT.ROLE_REQUIRED' });
    storedIntent('SCHEDULED').perform(people.admin, { action: 'start', version: 7 }, NEEDS_APPROVAL, NOW);
  });

  it.each([
    ['approve', 'REQUESTED'],
    ['reject', 'REQUESTED'],
    ['start', 'SCHEDULED'],
    ['complete', 'IN_PROGRESS'],
    ['fail', 'IN_PROGRESS'],
    ['rollback', 'IN_PROGRESS'],
  ] as const)(
    'lets only the owner group of the environment (or an admin) %s, never a notified group',
    (action, status) => {
      const outsider = { ...ACTOR_OF[action], groups: ['qa'] };
      const command = { action, version: 7, notes: 'because' };
      const error = thrown(() => storedIntent(status).perform(outsider, command, NEEDS_APPROVAL, NOW));
      expect(error).toMatchObject({ code: 'INTENT.NOT_IN_OWNER_GROUP', kind: 'forbidden' });
      expect(error.message).toContain(OWNER_GROUP);
      const unknownEnvironment = { requiresApproval: true, ownerGroup: null };
      expect(
        thrown(() => storedIntent(status).perform(ACTOR_OF[action], command, unknownEnvironment, NOW)),
      ).toMatchObject({ code: 'INTENT.NOT_IN_OWNER_GROUP' });
      storedIntent(status).perform(ACTOR_OF[action], command, NEEDS_APPROVAL, NOW);
      storedIntent(status).perform(people.admin, command, unknownEnvironment, NOW);
    },
  );

  it.each([
    ['approve', 'REQUESTED'],
    ['start', 'SCHEDULED'],
  ] as const)('refuses to %s while BLOCKING conflicts are open, listing them', (action, status) => {
    const error = thrown(() =>
      storedIntent(status).perform(
        ACTOR_OF[action],
        { action, version: 7, blockingConflictIds: ['c-1', 'c-2'] },
        NEEDS_APPROVAL,
        NOW,
      ),
    );
    expect(error).toMatchObject({
      code: 'INTENT.BLOCKING_CONFLICT',
      kind: 'conflict',
      details: { blockingConflictIds: ['c-1', 'c-2'] },
    });
    expect(error.message).toContain('c-1, c-2');
  });

  it('records execution facts with complete, and refuses malformed ones by name', () => {
    const intent = storedIntent('IN_PROGRESS');
    const facts = {
      durationSeconds: 60,
      rowsAffected: 10,
      dataVolumeGb: 1.5,
      logUrl: 'https://logs.example/1',
    };
    intent.perform(people.operator, { action: 'complete', version: 7, facts }, NEEDS_APPROVAL, NOW);
    expect(intent.snapshot()).toMatchObject({
      completedAt: NOW,
      completedBy: { sub: 'otto' },
      execution: facts,
    });
    const error = thrown(() =>
      storedIntent('IN_PROGRESS').perform(
        people.operator,
        {
          action: 'complete',
          version: 7,
          facts: { durationSeconds: -1, rowsAffected: 1.5, logUrl: 'javascript:alert(1)', extra: 1 },
        },
        NEEDS_APPROVAL,
        NOW,
      ),
    ) as ValidationError;
    expect(error.problems.map((problem) => problem.field)).toEqual([
      'facts.extra',
      'facts.durationSeconds',
      'facts.rowsAffected',
      'facts.logUrl',
    ]);
  });

  it('sends an APPROVED or SCHEDULED intent back to REQUESTED when its window moves, forgetting the approval', () => {
    for (const status of ['APPROVED', 'SCHEDULED'] as const) {
      const intent = storedIntent(status, { approvedBy: { sub: 'april' }, approvedAt: NOW });
      expect(
        intent.amend(
          people.requester,
          { version: 7, plannedEnd: '2030-03-02T03:00:00Z' },
          NEEDS_APPROVAL,
          NOW,
        ),
      ).toBe(true);
      expect(intent.snapshot()).toMatchObject({
        status: 'REQUESTED',
        version: 8,
        plannedEnd: new Date('2030-03-02T03:00:00Z'),
      });
      expect(intent.snapshot().approvedBy).toBeUndefined();
      expect(
        intent
          .pullChanges()
          .map((change) => [change.action, change.fromStatus, change.toStatus, change.eventType]),
      ).toEqual([['amend', status, 'REQUESTED', 'intent.amended']]);
    }
  });

  it('keeps the status when only reason or groups change, or the intent has not been approved', () => {
    const approved = storedIntent('APPROVED');
    approved.amend(
      people.requester,
      { version: 7, reason: 'New reason', notificationGroups: ['qa', 'ops'] },
      NEEDS_APPROVAL,
      NOW,
    );
    expect(approved.snapshot()).toMatchObject({
      status: 'APPROVED',
      reason: 'New reason',
      notificationGroups: ['qa', 'ops'],
      version: 8,
    });
    const requested = storedIntent('REQUESTED');
    requested.amend(
      people.requester,
      { version: 7, plannedStart: '2030-03-01T20:00:00Z' },
      NEEDS_APPROVAL,
      NOW,
    );
    expect(requested.snapshot()).toMatchObject({ status: 'REQUESTED', version: 8 });
  });

  it('re-approves automatically after a window change where the environment needs no approval', () => {
    const intent = storedIntent('SCHEDULED');
    intent.amend(people.requester, { version: 7, plannedStart: '2030-03-01T20:00:00Z' }, STANDARD, NOW);
    expect(intent.pullChanges().map((change) => [change.action, change.toStatus])).toEqual([
      ['amend', 'REQUESTED'],
      ['auto-approve', 'APPROVED'],
    ]);
  });

  it('treats an amendment that changes nothing as no change at all', () => {
    const intent = storedIntent('REQUESTED');
    expect(
      intent.amend(
        people.requester,
        { version: 7, reason: 'Regression data', plannedStart: '2030-03-01T22:00:00+01:00' },
        NEEDS_APPROVAL,
        NOW,
      ),
    ).toBe(false);
    expect(intent.snapshot().version).toBe(7);
    expect(intent.pullChanges()).toEqual([]);
  });

  it('refuses to amend after the refresh started, someone else’s intent, an empty amendment or an inverted window', () => {
    expect(
      thrown(() =>
        storedIntent('IN_PROGRESS').amend(people.requester, { version: 7, reason: 'x' }, NEEDS_APPROVAL, NOW),
      ),
    ).toMatchObject({
      code: 'INTENT.NOT_AMENDABLE',
      details: { allowedActions: ['complete', 'fail', 'rollback'] },
    });
    expect(
      thrown(() =>
        storedIntent('DRAFT').amend(people.otherRequester, { version: 7, reason: 'x' }, NEEDS_APPROVAL, NOW),
      ),
    ).toMatchObject({ code: 'INTENT.NOT_REQUESTER' });
    expect(
      thrown(() => storedIntent('DRAFT').amend(people.requester, { version: 7 }, NEEDS_APPROVAL, NOW)),
    ).toMatchObject({ code: 'INTENT.INVALID' });
    const inverted = thrown(() =>
      storedIntent('DRAFT').amend(
        people.requester,
        { version: 7, plannedStart: '2030-03-02T02:00:00Z' },
        NEEDS_APPROVAL,
        NOW,
      ),
    ) as ValidationError;
    expect(inverted.problems).toEqual([
      { field: 'plannedEnd', message: expect.stringContaining('after plannedStart') },
    ]);
  });

  it('is scheduled only while APPROVED and only for its current window', () => {
    const window = { plannedStart: filing.plannedStart, plannedEnd: filing.plannedEnd };
    const approved = storedIntent('APPROVED');
    expect(approved.markScheduled({ ...window, plannedEnd: new Date('2030-03-02T05:00:00Z') }, NOW)).toBe(
      false,
    );
    expect(approved.markScheduled(window, NOW)).toBe(true);
    expect(approved.pullChanges().map((change) => [change.action, change.actor, change.toStatus])).toEqual([
      ['schedule', { sub: 'system', name: 'envrefresh' }, 'SCHEDULED'],
    ]);
    expect(approved.markScheduled(window, NOW)).toBe(false);
    for (const status of INTENT_STATUSES.filter((status) => status !== 'APPROVED')) {
      expect(storedIntent(status).markScheduled(window, NOW)).toBe(false);
    }
  });
});
