import { InvalidIntentError } from './intent.errors';
import { FileIntentInput, RefreshIntent } from './refresh-intent';

const input: FileIntentInput = {
  id: '5f0c8a8e-9d0e-4f7e-9a47-2b8f6c1d3e21',
  environmentId: '1b7e4c62-3f0a-4a55-8d0e-6c2f1a9b8e77',
  refreshType: 'MASKED_COPY',
  plannedStart: '2026-12-01T22:00:00+01:00',
  plannedEnd: '2026-12-02T02:00:00+01:00',
  reason: '  Sprint 42 regression data  ',
  notificationGroups: ['qa', 'qa'],
  requestedBy: { sub: 'alice' },
};

describe('RefreshIntent.file', () => {
  it('files a draft unless asked to submit, storing instants and a trimmed reason', () => {
    const draft = RefreshIntent.file(input, new Date('2026-11-22T10:00:00Z')).snapshot();
    expect(draft.status).toBe('DRAFT');
    expect(draft.plannedStart.toISOString()).toBe('2026-12-01T21:00:00.000Z');
    expect(draft.reason).toBe('Sprint 42 regression data');
    expect(draft.notificationGroups).toEqual(['qa']);
    expect(draft.version).toBe(1);
    expect(RefreshIntent.file({ ...input, submit: true }, new Date()).status).toBe('REQUESTED');
  });

  it('names every field that is wrong', () => {
    const file = () =>
      RefreshIntent.file(
        { ...input, refreshType: 'WIPE', plannedStart: '2026-12-01 22:00', plannedEnd: 'soon', reason: ' ' },
        new Date(),
      );
    expect(file).toThrow(InvalidIntentError);
    try {
      file();
    } catch (error) {
      expect((error as InvalidIntentError).problems.map((problem) => problem.field)).toEqual([
        'plannedStart',
        'plannedEnd',
        'refreshType',
        'reason',
      ]);
    }
  });

  it('refuses an empty or inverted window: end must follow start', () => {
    expect(() => RefreshIntent.file({ ...input, plannedEnd: input.plannedStart }, new Date())).toThrow(
      /plannedEnd/,
    );
  });
});
