import { INTENT_STATUSES, IntentStatus } from '@envrefresh/contracts';
import { intentOverlap, intentOverlapRule } from './intent-overlap';
import { candidate, intent, situation, span } from './situation.fixture';

const mine = candidate(span('21:00', '23:30'));

describe('INTENT_OVERLAP', () => {
  it('warns of an overlapping REQUESTED intent on the same environment, naming it and the overlap', () => {
    const found = intentOverlap(mine, situation({ intents: [intent(span('20:00', '23:00'))] }));
    expect(found).toEqual([
      {
        type: 'INTENT_OVERLAP',
        rule: 'INTENT_OVERLAP',
        severity: 'WARNING',
        explanation:
          'uat-web already has a REQUESTED FULL_COPY refresh by alice from 2026-03-01 20:00 to 23:00 UTC; agree with alice which goes first, or move this refresh.',
        relatedRef: { kind: 'INTENT', id: 'intent-other' },
        window: span('21:00', '23:00'),
        concerning: {
          audience: { requestedBySub: 'alice', notificationGroups: [], environmentOwnerGroup: 'qa' },
          discreetExplanation:
            'uat-web already has another refresh from 2026-03-01 20:00 to 23:00 UTC; agree with the environment’s owners which goes first, or move this refresh.',
        },
      },
    ]);
  });

  it.each(['APPROVED', 'SCHEDULED', 'IN_PROGRESS'] as IntentStatus[])(
    'blocks on an overlapping %s intent',
    (status) => {
      const [finding] = intentOverlap(
        mine,
        situation({ intents: [intent(span('20:00', '23:00'), { status })] }),
      );
      expect(finding.severity).toBe('BLOCKING');
      expect(finding.explanation).toBe(
        `uat-web already has ${status === 'SCHEDULED' ? 'a' : 'an'} ${status} FULL_COPY refresh by alice from 2026-03-01 20:00 to 23:00 UTC; move this refresh, or ask alice to move theirs.`,
      );
    },
  );

  it.each(
    INTENT_STATUSES.filter(
      (status) => !['REQUESTED', 'APPROVED', 'SCHEDULED', 'IN_PROGRESS'].includes(status),
    ),
  )('ignores a %s intent', (status) => {
    expect(intentOverlap(mine, situation({ intents: [intent(span('20:00', '23:00'), { status })] }))).toEqual(
      [],
    );
  });

  it('back-to-back windows do not conflict', () => {
    const world = situation({
      intents: [intent(span('19:00', '21:00')), intent(span('23:30', '24:00'), { id: 'later' })],
    });
    expect(intentOverlap(mine, world)).toEqual([]);
  });

  it('ignores intents on other environments and the candidate itself', () => {
    const world = situation({
      intents: [
        intent(span('20:00', '23:00'), { environmentId: 'env-api' }),
        intent(span('20:00', '23:00'), { id: 'intent-self', status: 'APPROVED' }),
      ],
    });
    expect(intentOverlap(mine, world)).toEqual([]);
  });

  it('a dry run (no intent id) meets every overlapping intent', () => {
    const world = situation({ intents: [intent(span('20:00', '22:00'), { id: 'intent-self' })] });
    expect(intentOverlap(candidate(span('21:00', '23:00'), { intentId: undefined }), world)).toHaveLength(1);
  });

  it('occupies the windows of the intents it would report', () => {
    const world = situation({
      intents: [
        intent(span('20:00', '23:00')),
        intent(span('01:00', '02:00'), { id: 'done', status: 'COMPLETED' }),
      ],
    });
    expect(intentOverlapRule.occupied({ environmentId: 'env-web' }, world, span('00:00', '24:00'))).toEqual([
      span('20:00', '23:00'),
    ]);
  });
});
