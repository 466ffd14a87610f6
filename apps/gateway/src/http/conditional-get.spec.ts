import { etagOf, matchesIfNoneMatch } from './conditional-get';

describe('etagOf', () => {
  it('is a strong tag that differs when one byte differs and agrees for a string and its bytes', () => {
    const tag = etagOf('{"version":3}');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(etagOf('{"version":4}')).not.toBe(tag);
    expect(etagOf(Buffer.from('{"version":3}', 'utf8'))).toBe(tag);
  });
});

describe('matchesIfNoneMatch (RFC 9110 §13.1.2, weak comparison)', () => {
  const etag = '"abc"';

  it('matches the tag itself and its weak form', () => {
    expect(matchesIfNoneMatch('"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('"abc"', 'W/"abc"')).toBe(true);
  });

  it('matches one member of a list, with or without spaces', () => {
    expect(matchesIfNoneMatch('"x", W/"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('"x","abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch(' "x" ,\t"y" , "abc" ', etag)).toBe(true);
    expect(matchesIfNoneMatch(['"x"', '"abc"'], etag)).toBe(true);
  });

  it('matches anything with *', () => {
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
    expect(matchesIfNoneMatch(' * ', etag)).toBe(true);
  });

  it('reads a tag holding a comma as one tag', () => {
    expect(matchesIfNoneMatch('"a,b"', '"a,b"')).toBe(true);
    expect(matchesIfNoneMatch('"a,b"', '"a"')).toBe(false);
    expect(matchesIfNoneMatch('"a,b"', '"b"')).toBe(false);
  });

  it('does not match another tag, a prefix, an unquoted value or nothing', () => {
    expect(matchesIfNoneMatch('"abd"', etag)).toBe(false);
    expect(matchesIfNoneMatch('"ab"', etag)).toBe(false);
    expect(matchesIfNoneMatch('abc', etag)).toBe(false);
    expect(matchesIfNoneMatch('', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
  });

  it('matches nothing after a malformed member (the full answer is always safe)', () => {
    expect(matchesIfNoneMatch('"x" junk, "abc"', etag)).toBe(false);
    expect(matchesIfNoneMatch('"abc', etag)).toBe(false);
    expect(matchesIfNoneMatch('*, "abc"', etag)).toBe(false);
  });
});
