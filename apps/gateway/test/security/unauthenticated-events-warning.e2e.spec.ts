import { useApiSuite } from '../api/support/api-suite';

const WARNING = /events are NOT authenticated/;

/** Everyone as guest, as in development: the suite works, and each consumer says it is not strict. */
describe('services sharing one broker user', () => {
  const suite = useApiSuite();

  it('each consuming service warns once, at start, that events are not authenticated; the gateway consumes nothing', () => {
    for (const app of suite.apps) {
      const warnings = app.process
        .stdout()
        .split('\n')
        .filter((line) => WARNING.test(line));
      expect({ app: app.name, warnings: warnings.length }).toEqual({
        app: app.name,
        warnings: app.name === 'gateway' ? 0 : 1,
      });
      if (warnings.length > 0)
        expect(JSON.parse(warnings[0])).toMatchObject({ level: 'warn', context: 'Security' });
    }
  });
});
