import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts members at every depth, drops undefined ones, keeps null and array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: null }], c: undefined }, é: 'x' })).toBe(
      '{"a":{"d":[3,{"y":null,"z":1}]},"b":1,"é":"x"}',
    );
  });

  it('gives equal values the same text whatever order they were built in', () => {
    expect(canonicalJson({ sub: 'a', name: 'b' })).toBe(canonicalJson({ name: 'b', sub: 'a' }));
  });

  it('writes dates as ISO instants and escapes strings as JSON does', () => {
    expect(canonicalJson([new Date('2030-01-01T00:00:00Z'), 'quote " and \n'])).toBe(
      '["2030-01-01T00:00:00.000Z","quote \\" and \\n"]',
    );
  });
});
