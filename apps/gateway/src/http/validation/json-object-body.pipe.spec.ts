import { RequestValidationException } from '../validation-errors';
import { JsonObjectBodyPipe } from './json-object-body.pipe';

const pipe = new JsonObjectBodyPipe();

describe('JsonObjectBodyPipe', () => {
  it.each([null, [], [1], 42, 'text', true])('refuses %p as a body', (value) => {
    expect(() => pipe.transform(value, { type: 'body' })).toThrow(RequestValidationException);
  });

  it('passes objects, an absent body, and anything that is not a body', () => {
    expect(pipe.transform({ a: 1 }, { type: 'body' })).toEqual({ a: 1 });
    expect(pipe.transform(undefined, { type: 'body' })).toBeUndefined();
    expect(pipe.transform(null, { type: 'query' })).toBeNull();
  });
});
