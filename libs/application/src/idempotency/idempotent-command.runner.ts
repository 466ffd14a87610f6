import { Inject, Injectable } from '@nestjs/common';
import { StatementContext, TransactionContext, UnitOfWork } from '@envrefresh/messaging';
import { DomainError, ValidationError, canonicalJson, sha256Hex } from '@envrefresh/kernel';
import {
  IDEMPOTENCY_STORE,
  IdempotencyScope,
  IdempotencyStore,
  RememberedRequest,
} from './idempotency.store.port';

export interface IdempotentRequest {
  actorSub: string;
  /** The caller's Idempotency-Key, if any. */
  idempotencyKey?: unknown;
  /** Part of the fingerprint, so one key cannot be replayed against another kind of request. */
  operation: string;
  payload: unknown;
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs a creating command once per Idempotency-Key: the same key and body replay the first
 * response, the same key with another body is refused (422). The key is inserted in the same
 * transaction as the resource, so two concurrent requests with one key create one resource: the
 * second waits on the first's primary-key row and then replays its answer.
 */
@Injectable()
export class IdempotentCommandRunner {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
  ) {}

  async run<T>(
    request: IdempotentRequest,
    work: (transaction: TransactionContext) => Promise<T>,
  ): Promise<T> {
    const keyed = this.keyOf(request);
    if (!keyed) return this.unitOfWork.run(work);
    return this.unitOfWork.run(async (transaction) => {
      const earlier = await this.store.claim(transaction.manager, keyed.scope, keyed.requestHash);
      if (earlier) return replay<T>(earlier, keyed.requestHash);
      const response = await work(transaction);
      await this.store.remember(transaction.manager, keyed.scope, response);
      return response;
    });
  }

  /**
   * The same contract for a command whose writes go out as one statement
   * (`UnitOfWork.runAsOneStatement`): `work` reads what it needs and adds its writes, the key's
   * claim (with the response) is added beside them, and all of it is one round trip. `work` runs
   * before the claim here, so where it throws, or the key turns out to be held, the answer is
   * settled the way `run` settles it: a held key replays its response (or is refused when the
   * body differs), whatever `work` would say now; a free key lets `work`'s error through.
   */
  async runAsOneStatement<T>(
    request: IdempotentRequest,
    work: (statement: StatementContext) => Promise<T>,
  ): Promise<T> {
    const keyed = this.keyOf(request);
    if (!keyed) return this.unitOfWork.runAsOneStatement(work);
    const { scope, requestHash } = keyed;
    let workFailed = false;
    try {
      return await this.unitOfWork.runAsOneStatement(async (statement) => {
        const response = await work(statement).catch((error: unknown) => {
          workFailed = true;
          throw error;
        });
        // First, as `run` claims first: a request racing a holder of the key waits for it before
        // touching any other row.
        statement.lead(this.store.claimWrite(scope, requestHash, response));
        return response;
      });
    } catch (error) {
      if (workFailed) {
        // `run` would have claimed first: a key held (or being held) by a committed request wins.
        const earlier = await this.claimAndRollBack(scope, requestHash);
        if (earlier) return replay<T>(earlier, requestHash);
        throw error;
      }
      if (!this.store.isTaken(error)) throw error;
      // The statement waited for the holder's commit and then failed as a whole: nothing of it
      // was written, and the holder's response is now visible.
      const earlier = await this.store.remembered(this.unitOfWork.manager, scope);
      if (!earlier) throw error;
      return replay<T>(earlier, requestHash);
    }
  }

  /** Takes the key as `run` does, waiting behind a concurrent holder, and gives it back. */
  private async claimAndRollBack(
    scope: IdempotencyScope,
    requestHash: string,
  ): Promise<RememberedRequest | null> {
    let earlier: RememberedRequest | null = null;
    await this.unitOfWork
      .run(async (transaction) => {
        earlier = await this.store.claim(transaction.manager, scope, requestHash);
        throw ROLL_BACK;
      })
      .catch((error: unknown) => {
        if (error !== ROLL_BACK) throw error;
      });
    return earlier;
  }

  private keyOf(request: IdempotentRequest): { scope: IdempotencyScope; requestHash: string } | undefined {
    const { idempotencyKey } = request;
    if (idempotencyKey === undefined || idempotencyKey === null) return undefined;
    if (typeof idempotencyKey !== 'string' || !KEY.test(idempotencyKey)) {
      throw new ValidationError('REQUEST.INVALID', [
        { field: 'idempotencyKey', message: 'must be 1 to 255 printable ASCII characters without spaces' },
      ]);
    }
    return {
      scope: { actorSub: request.actorSub, key: idempotencyKey },
      requestHash: sha256Hex(canonicalJson({ operation: request.operation, payload: request.payload })),
    };
  }
}

/** Thrown inside a transaction only to end it without committing. */
const ROLL_BACK = Symbol('roll back');

/** The first response again, or 422 when the key came with another request. */
function replay<T>(earlier: RememberedRequest, requestHash: string): T {
  if (earlier.requestHash !== requestHash) {
    throw new DomainError(
      'unprocessable',
      'IDEMPOTENCY.KEY_REUSED',
      'This Idempotency-Key was already used with a different request; use a new key for a new request',
    );
  }
  return earlier.response as T;
}
