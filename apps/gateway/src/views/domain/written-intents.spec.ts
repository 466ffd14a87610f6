import { WrittenIntents } from './written-intents';

const T0 = Date.parse('2030-01-01T10:00:00Z');
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('WrittenIntents', () => {
  it('names each intent written within the horizon once, at the highest version announced', () => {
    const written = new WrittenIntents(60_000, 100);
    written.record([{ id: A, version: 2 }], T0);
    written.record([{ id: B, version: 1 }], T0 + 1);
    written.record([{ id: A, version: 4 }], T0 + 2);
    written.record([{ id: A, version: 3 }], T0 + 3);
    expect(written.pending(T0 + 10)).toEqual([
      { id: B, version: 1 },
      { id: A, version: 4 },
    ]);
  });

  it('leaves out what names no version (a conflict decision or a schedule write)', () => {
    const written = new WrittenIntents(60_000, 100);
    written.record([{ id: A }], T0);
    expect(written.pending(T0)).toEqual([]);
  });

  it('forgets a write once an answer confirmed it, unless it was written again since', () => {
    const written = new WrittenIntents(60_000, 100);
    written.record(
      [
        { id: A, version: 2 },
        { id: B, version: 5 },
      ],
      T0,
    );
    const asked = written.pending(T0 + 1);
    written.record([{ id: B, version: 6 }], T0 + 2);
    written.confirmed(asked);
    expect(written.pending(T0 + 3)).toEqual([{ id: B, version: 6 }]);
  });

  it('forgets writes past the horizon, the oldest first', () => {
    const written = new WrittenIntents(60_000, 100);
    written.record([{ id: A, version: 1 }], T0);
    written.record([{ id: B, version: 1 }], T0 + 30_000);
    expect(written.pending(T0 + 59_999).map((item) => item.id)).toEqual([A, B]);
    expect(written.pending(T0 + 60_000).map((item) => item.id)).toEqual([B]);
    expect(written.pending(T0 + 90_000)).toEqual([]);
  });

  it('keeps at most its bound, dropping the oldest write', () => {
    const written = new WrittenIntents(60_000, 2);
    written.record([{ id: A, version: 1 }], T0);
    written.record([{ id: B, version: 1 }], T0 + 1);
    written.record([{ id: C, version: 1 }], T0 + 2);
    expect(written.pending(T0 + 3).map((item) => item.id)).toEqual([B, C]);
  });
});
