import { sourceContention, sourceContentionRule } from './source-contention';
import { API, candidate, intent, situation, span } from './situation.fixture';

const mine = candidate(span('21:00', '23:00'), {
  source: { environmentId: 'env-prod', snapshot: 'snap-42' },
});

describe('SOURCE_CONTENTION', () => {
  it('warns of another intent reading from the same source environment, on any environment', () => {
    const world = situation({
      related: [API],
      intents: [
        intent(span('22:00', '24:00'), {
          environmentId: API.id,
          requestedBy: 'bob',
          source: { environmentId: 'env-prod' },
        }),
      ],
    });
    expect(sourceContention(mine, world)).toEqual([
      {
        type: 'SOURCE_CONTENTION',
        rule: 'SOURCE_CONTENTION',
        severity: 'WARNING',
        explanation:
          'A REQUESTED FULL_COPY refresh by bob from 2026-03-01 22:00 to 2026-03-02 00:00 UTC on uat-api also reads from source environment env-prod; stagger the two copies with bob or take another source.',
        relatedRef: { kind: 'INTENT', id: 'intent-other', environmentId: API.id },
        window: span('22:00', '23:00'),
        concerning: {
          audience: { requestedBySub: 'alice', notificationGroups: [], environmentOwnerGroup: 'qa' },
          discreetExplanation:
            'Another refresh from 2026-03-01 22:00 to 2026-03-02 00:00 UTC on uat-api also reads from source environment env-prod; stagger the two copies or take another source.',
        },
      },
    ]);
  });

  it('names environments outside the graph by the keys the situation was given', () => {
    const world = situation({
      intents: [
        intent(span('22:00', '24:00'), {
          environmentId: 'env-far',
          requestedBy: 'bob',
          source: { environmentId: 'env-prod' },
        }),
      ],
      environmentKeys: { 'env-far': 'perf-billing', 'env-prod': 'prod-billing' },
    });
    const [finding] = sourceContention(mine, world);
    expect(finding.explanation).toContain('on perf-billing also reads from source environment prod-billing');
    expect(finding.explanation).toMatch(/^An? /);
  });

  it('warns of the same snapshot, and names both when both are shared', () => {
    const snapshotOnly = sourceContention(
      mine,
      situation({
        intents: [
          intent(span('20:00', '22:00'), { environmentId: 'env-far', source: { snapshot: 'snap-42' } }),
        ],
      }),
    );
    expect(snapshotOnly[0].explanation).toContain('on environment env-far also reads from snapshot snap-42;');
    const both = sourceContention(
      mine,
      situation({
        intents: [
          intent(span('20:00', '22:00'), { source: { environmentId: 'env-prod', snapshot: 'snap-42' } }),
        ],
      }),
    );
    expect(both).toHaveLength(1);
    expect(both[0].explanation).toContain(
      'also reads from source environment env-prod and snapshot snap-42;',
    );
    expect(both[0].relatedRef).toEqual({ kind: 'INTENT', id: 'intent-other' });
  });

  it('says nothing without a source, for other sources, back-to-back windows or inactive intents', () => {
    const world = situation({
      intents: [
        intent(span('20:00', '22:00'), { source: { environmentId: 'env-other', snapshot: 'snap-1' } }),
        intent(span('23:00', '24:00'), { id: 'i2', source: { environmentId: 'env-prod' } }),
        intent(span('20:00', '22:00'), {
          id: 'i3',
          status: 'COMPLETED',
          source: { environmentId: 'env-prod' },
        }),
        intent(span('20:00', '22:00'), { id: 'intent-self', source: { environmentId: 'env-prod' } }),
        intent(span('20:00', '22:00'), { id: 'i5' }),
      ],
    });
    expect(sourceContention(mine, world)).toEqual([]);
    expect(
      sourceContention(
        candidate(span('21:00', '23:00')),
        situation({ intents: [intent(span('20:00', '22:00'), { source: {} })] }),
      ),
    ).toEqual([]);
  });

  it('occupies the windows of intents sharing the probe`s source, and nothing without one', () => {
    const world = situation({
      intents: [intent(span('01:00', '02:00'), { source: { snapshot: 'snap-42' } })],
    });
    expect(
      sourceContentionRule.occupied(
        { environmentId: 'env-web', source: { snapshot: 'snap-42' } },
        world,
        span('00:00', '24:00'),
      ),
    ).toEqual([span('01:00', '02:00')]);
    expect(
      sourceContentionRule.occupied({ environmentId: 'env-web' }, world, span('00:00', '24:00')),
    ).toEqual([]);
  });
});
