import { ProblemException } from './problem-exception';
import { RequestValidationException } from './validation-errors';
import { resolveVersion } from './version-precondition';

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('resolveVersion', () => {
  it.each([
    [3, undefined, 3],
    [undefined, '"4"', 4],
    [undefined, '5', 5],
    [undefined, ' "0" ', 0],
    [7, '"7"', 7],
  ])('body %p with If-Match %p is version %p', (body, header, expected) => {
    expect(resolveVersion(body, header)).toBe(expected);
  });

  it('refuses a body and an If-Match that disagree, naming version', () => {
    const error = failure(() => resolveVersion(3, '"4"'));
    expect(error).toBeInstanceOf(RequestValidationException);
    expect((error as RequestValidationException).fieldErrors).toEqual([
      { field: 'version', message: expect.stringContaining('If-Match') },
    ]);
  });

  it('answers 428 naming version when neither is sent', () => {
    const error = failure(() => resolveVersion(undefined, undefined));
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).problem).toMatchObject({
      status: 428,
      errors: [{ field: 'version', message: expect.any(String) }],
    });
  });

  it.each(['*', 'W/"3"', '"3", "4"', '"abc"', '', '-1', '"1e3"', '99999999999'])(
    'refuses If-Match %p naming If-Match',
    (header) => {
      const error = failure(() => resolveVersion(undefined, header));
      expect((error as RequestValidationException).fieldErrors).toEqual([
        { field: 'If-Match', message: expect.any(String) },
      ]);
    },
  );

  it('refuses a repeated If-Match header', () => {
    expect(() => resolveVersion(undefined, ['"1"', '"2"'])).toThrow(RequestValidationException);
  });
});
