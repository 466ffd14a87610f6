import { resolveRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('resolveRequestId', () => {
  it.each(['abc', 'req-1.2_3:4@host', 'a'.repeat(128), '  padded  '])('keeps the caller id %p', (header) => {
    expect(resolveRequestId(header)).toBe(header.trim());
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['a line break', 'abc\ninjected'],
    ['a quote', 'abc"def'],
    ['a space', 'a b'],
    ['several headers', ['one', 'two']],
  ])('makes up a UUID when the header is %s', (_case, header) => {
    expect(resolveRequestId(header)).toMatch(UUID);
  });
});
