import { intentRequestedEvent } from '@envrefresh/contracts';
import { intentWindowOf, isActive } from './intent-window';

describe('intent window', () => {
  it('counts REQUESTED through IN_PROGRESS as active, and nothing else', () => {
    expect(['REQUESTED', 'APPROVED', 'SCHEDULED', 'IN_PROGRESS'].every((s) => isActive(s as never))).toBe(
      true,
    );
    expect(
      ['DRAFT', 'COMPLETED', 'FAILED', 'ROLLED_BACK', 'REJECTED', 'CANCELLED'].some((s) =>
        isActive(s as never),
      ),
    ).toBe(false);
  });

  it('keeps the source only when it names something', () => {
    const intent = intentRequestedEvent.example;
    expect(intentWindowOf({ ...intent, source: {} }).source).toBeUndefined();
    expect(intentWindowOf({ ...intent, source: { snapshot: 'golden-2026' } }).source).toEqual({
      snapshot: 'golden-2026',
    });
    expect(intentWindowOf(intent).requestedBy).toBe(intent.requestedBy.sub);
    expect(intentWindowOf(intent).start.toISOString()).toBe(new Date(intent.plannedStart).toISOString());
  });
});
