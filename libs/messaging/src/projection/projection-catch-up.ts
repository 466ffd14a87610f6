import { DomainError } from '@envrefresh/kernel';
import { RemoteProblemError } from '../rpc/remote-call.errors';

/** A thing a request depends on: its id (or another key the owner answers to), and the version it must have reached. */
export interface WantedVersion {
  ref: string;
  /** Absent: any version will do, the projection only has to know it. */
  atLeast?: number;
}

/**
 * How one projection catches up with the service that owns what it projects (ADR 0014). The
 * three functions are the projection's own: `apply` must be the very path its event handler
 * takes, so a row written here is the row the event would write, and only if newer.
 */
export interface ProjectionSource<TView> {
  /** For messages: "environment", "intent". */
  readonly what: string;
  /** The versions the projection holds now, by ref; a ref it does not know is absent. */
  storedVersions(refs: readonly string[]): Promise<Map<string, number>>;
  /** The owner's current views of those refs it knows, read-only, with a timeout. */
  fetchFromOwner(refs: readonly string[]): Promise<TView[]>;
  /** Takes one view in as its event would (same upsert path, in its own transaction). */
  apply(view: TView): Promise<void>;
}

/**
 * Makes sure the projection knows each wanted thing at (at least) the wanted version before a
 * request is answered. Known and current: one read, no call. Unknown or behind: the owner is
 * asked and its answer applied. A thing the owner does not know either stays unknown (the caller
 * answers 4xx as before); an owner that cannot answer fails the request closed with 503, never
 * an answer as if the thing did not exist.
 */
export async function catchUp<TView>(
  source: ProjectionSource<TView>,
  wanted: readonly WantedVersion[],
): Promise<void> {
  const refs = [...new Set(wanted.map((item) => item.ref))];
  if (refs.length === 0) return;
  const stored = await source.storedVersions(refs);
  const behind = refs.filter((ref) => {
    const version = stored.get(ref);
    if (version === undefined) return true;
    return wanted.some((item) => item.ref === ref && item.atLeast !== undefined && version < item.atLeast);
  });
  if (behind.length === 0) return;
  let views: TView[];
  try {
    views = await source.fetchFromOwner(behind);
  } catch (error) {
    // The owner answered, refusing the refs themselves: it knows nothing by them either.
    if (error instanceof RemoteProblemError && error.problem.status < 500) return;
    throw ownerUnavailable(source.what, error);
  }
  for (const view of views) await source.apply(view);
}

/** 503: this service cannot tell yet, and says so rather than guess. */
export function ownerUnavailable(what: string, cause: unknown): DomainError {
  const reason =
    cause instanceof RemoteProblemError ? cause.problem.title : ((cause as Error)?.message ?? String(cause));
  return new DomainError(
    'unavailable',
    'PROJECTION.OWNER_UNAVAILABLE',
    `This ${what} is not known here yet and its owner could not be asked (${reason}); try again shortly`,
  );
}
