import { MAX_JSON_DEPTH, findTextFlaws, textFlawOf } from './text-flaws';

const nested = (levels: number, leaf: unknown = 'x'): unknown =>
  levels === 0 ? leaf : { a: nested(levels - 1, leaf) };

describe('textFlawOf', () => {
  it.each([
    ['plain ASCII', 'Masked copy for release 42'],
    ['accents', 'Régression für Zoë, façade'],
    ['CJK', '数据刷新のテスト 데이터'],
    ['emoji and other astral characters (surrogate pairs)', '✅ 🎉 👩‍💻 𝄞'],
    ['right-to-left text', 'تحديث البيانات'],
    ['the replacement character itself', 'a \uFFFD b'],
    ['the empty string', ''],
  ])('accepts %s', (_what, text) => {
    expect(textFlawOf(text)).toBeUndefined();
  });

  it.each([
    ['a NUL in the middle', 'a\u0000b', /NUL/],
    ['a NUL alone', '\u0000', /NUL/],
    ['a lone high surrogate', 'a\uD800b', /lone surrogate/],
    ['a high surrogate at the end', 'ab\uDBFF', /lone surrogate/],
    ['a lone low surrogate', '\uDC00x', /lone surrogate/],
    ['a pair in the wrong order', '\uDC00\uD800', /lone surrogate/],
    ['a pair followed by a lone half', '🎉\uD83C', /lone surrogate/],
  ])('refuses %s', (_what, text, message) => {
    expect(textFlawOf(text)).toMatch(message);
  });
});

describe('findTextFlaws', () => {
  it('finds nothing in a clean body', () => {
    expect(
      findTextFlaws({ reason: 'Zoë 🎉', notificationGroups: ['qa', 'ops'], scope: { tiers: ['UAT'] }, n: 1 }),
    ).toEqual([]);
  });

  it('names every flawed string by its dotted path, array indexes included', () => {
    expect(
      findTextFlaws({
        reason: 'a\u0000b',
        notificationGroups: ['qa', 'x\uD800'],
        source: { snapshot: '\u0000' },
        fine: 'yes',
      }),
    ).toEqual([
      { field: 'reason', message: 'must not contain a NUL character (U+0000)' },
      {
        field: 'notificationGroups.1',
        message: 'must be well-formed Unicode text, without a lone surrogate',
      },
      { field: 'source.snapshot', message: 'must not contain a NUL character (U+0000)' },
    ]);
  });

  it('checks member names too, and names them by their JSON escapes', () => {
    expect(findTextFlaws({ 'a\u0000b': 'x', ['\uD800']: { c: 'y' } })).toEqual([
      { field: 'a\\u0000b', message: 'as a member name, must not contain a NUL character (U+0000)' },
      {
        field: '\\ud800',
        message: 'as a member name, must be well-formed Unicode text, without a lone surrogate',
      },
    ]);
  });

  it('checks query strings: values and repeated values', () => {
    expect(findTextFlaws({ status: 'REQUESTED', cursor: 'a\u0000', tier: ['QA', '\uDFFF'] })).toEqual([
      { field: 'cursor', message: 'must not contain a NUL character (U+0000)' },
      { field: 'tier.1', message: 'must be well-formed Unicode text, without a lone surrogate' },
    ]);
  });

  it(`takes ${MAX_JSON_DEPTH} levels of objects and arrays, the body counting as the first`, () => {
    expect(findTextFlaws(nested(MAX_JSON_DEPTH - 1, {}))).toEqual([]);
    expect(findTextFlaws(nested(MAX_JSON_DEPTH, {}))).toEqual([
      {
        field: 'a.a.a.a.a.a.a.a',
        message: `nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
      },
    ]);
  });

  it('reports deep nesting once, at the first place it goes too deep, without walking further', () => {
    let deep: unknown = [];
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findTextFlaws({ ok: 'x', source: deep, after: '\u0000' })).toEqual([
      {
        field: 'source.0.0.0.0.0.0.0',
        message: `nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
      },
    ]);
  });

  it('names the body itself when a bare string or a bare deep array is sent', () => {
    expect(findTextFlaws('\u0000')).toEqual([
      { field: 'body', message: 'must not contain a NUL character (U+0000)' },
    ]);
    expect(findTextFlaws(null)).toEqual([]);
    expect(findTextFlaws(42)).toEqual([]);
  });

  it('is deeper than the deepest body the API takes (a window scope, maintenance windows, a filter)', () => {
    const window = { kind: 'BLACKOUT', scope: { environmentIds: ['e1'], tiers: ['UAT'] } };
    const environment = { maintenanceWindows: [{ rrule: 'FREQ=WEEKLY', duration: 'PT4H' }] };
    const subscription = { filter: { groups: ['qa'], eventTypes: ['intent.approved'] } };
    for (const body of [window, environment, subscription]) expect(findTextFlaws(body)).toEqual([]);
  });
});
