import { DomainError } from '@envrefresh/kernel';
import { RemoteProblemError, RemoteTimeoutError } from '../rpc/remote-call.errors';
import { ProjectionSource, catchUp } from './projection-catch-up';

interface View {
  id: string;
  version: number;
}

/** A projection held in a map and an owner held in another: the logic only, no broker or database. */
function world(stored: Record<string, number>, owner: Record<string, number>) {
  const asked: string[][] = [];
  const source: ProjectionSource<View> = {
    what: 'environment',
    storedVersions: async (refs) =>
      new Map(refs.filter((ref) => ref in stored).map((ref) => [ref, stored[ref]])),
    fetchFromOwner: async (refs) => {
      asked.push([...refs]);
      return refs.filter((ref) => ref in owner).map((id) => ({ id, version: owner[id] }));
    },
    // As upsertNewerVersion does: never backwards.
    apply: async (view) => {
      if (!(view.id in stored) || stored[view.id] < view.version) stored[view.id] = view.version;
    },
  };
  return { source, asked, stored };
}

describe('catchUp', () => {
  it('asks no one when the projection already knows everything at the wanted versions', async () => {
    const { source, asked } = world({ a: 3, b: 1 }, { a: 3, b: 1 });
    await catchUp(source, [{ ref: 'a', atLeast: 3 }, { ref: 'b' }]);
    expect(asked).toEqual([]);
  });

  it('asks the owner for what is unknown or behind, once each, and applies the answers', async () => {
    const { source, asked, stored } = world({ a: 1, b: 5 }, { a: 2, b: 5, c: 1 });
    await catchUp(source, [{ ref: 'a', atLeast: 2 }, { ref: 'b', atLeast: 5 }, { ref: 'c' }, { ref: 'c' }]);
    expect(asked).toEqual([['a', 'c']]);
    expect(stored).toEqual({ a: 2, b: 5, c: 1 });
  });

  it('leaves unknown what the owner does not know either, for the caller to refuse as before', async () => {
    const { source, stored } = world({}, {});
    await catchUp(source, [{ ref: 'ghost' }]);
    expect(stored).toEqual({});
  });

  it('never rolls the projection back when the owner answers older than what it holds', async () => {
    const { source, stored } = world({ a: 7 }, { a: 4 });
    await catchUp(source, [{ ref: 'a', atLeast: 9 }]);
    expect(stored).toEqual({ a: 7 });
  });

  it('takes an owner refusing the refs themselves (4xx) as knowing nothing by them', async () => {
    const { source, stored } = world({}, {});
    source.fetchFromOwner = () =>
      Promise.reject(
        new RemoteProblemError('intents', { status: 400, type: 'about:blank', title: 'Invalid request' }),
      );
    await expect(catchUp(source, [{ ref: 'x'.repeat(300) }])).resolves.toBeUndefined();
    expect(stored).toEqual({});
  });

  it('fails closed with 503 PROJECTION.OWNER_UNAVAILABLE when the owner cannot answer', async () => {
    const { source } = world({}, {});
    source.fetchFromOwner = () => Promise.reject(new RemoteTimeoutError('intents', 2000));
    const failure = await catchUp(source, [{ ref: 'a' }]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ kind: 'unavailable', code: 'PROJECTION.OWNER_UNAVAILABLE' });
    expect((failure as Error).message).toContain('intents did not answer within 2000 ms');
  });
});
