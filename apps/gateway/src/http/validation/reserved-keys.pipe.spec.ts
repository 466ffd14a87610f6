import { RequestValidationException } from '../validation-errors';
import { ReservedKeysPipe } from './reserved-keys.pipe';

const pipe = new ReservedKeysPipe();
const body = { type: 'body' as const };

describe('ReservedKeysPipe', () => {
  it.each([
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '__defineGetter__',
  ])('refuses %s as a key at any depth, naming where', (key) => {
    const nested = JSON.parse(`{"source": {"${key}": {}}}`);
    try {
      pipe.transform(nested, body);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(RequestValidationException);
      expect((error as RequestValidationException).fieldErrors).toEqual([
        { field: `source.${key}`, message: 'is not a known field' },
      ]);
    }
  });

  it('names the path through a member whose name is empty (found by the fuzz spec)', () => {
    try {
      pipe.transform(JSON.parse('{"": {"toString": false}, "version": 5}'), body);
      throw new Error('accepted');
    } catch (error) {
      expect((error as RequestValidationException).fieldErrors).toEqual([
        { field: '.toString', message: 'is not a known field' },
      ]);
    }
  });

  it('lets ordinary bodies and path parameters through untouched', () => {
    const value = { reason: 'toString is just a word here', source: { snapshot: 'constructor' } };
    expect(pipe.transform(value, body)).toBe(value);
    expect(pipe.transform({ toString: 1 }, { type: 'param' })).toEqual({ toString: 1 });
  });
});
