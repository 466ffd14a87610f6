import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, UnitOfWork } from '@envrefresh/messaging';
import { DomainError, ValidationError, canonicalJson, sha256Hex } from '@envrefresh/kernel';
import { IDEMPOTENCY_STORE, IdempotencyStore } from './idempotency.store.port';

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
    const { idempotencyKey } = request;
    if (idempotencyKey === undefined || idempotencyKey === null) return this.unitOfWork.run(work);
    if (typeof idempotencyKey !== 'string' || !KEY.test(idempotencyKey)) {
      throw new ValidationError('REQUEST.INVALID', [
        { field: 'idempotencyKey', message: 'must be 1 to 255 printable ASCII characters without spaces' },
      ]);
    }
    const scope = { actorSub: request.actorSub, key: idempotencyKey };
    const requestHash = sha256Hex(canonicalJson({ operation: request.operation, payload: request.payload }));
    return this.unitOfWork.run(async (transaction) => {
      const earlier = await this.store.claim(transaction.manager, scope, requestHash);
      if (earlier) {
        if (earlier.requestHash !== requestHash) {
          throw new DomainError(
            'unprocessable',
            'IDEMPOTENCY.KEY_REUSED',
            'This Idempotency-Key was already used with a different request; use a new key for a new request',
          );
        }
        return earlier.response as T;
      }
      const response = await work(transaction);
      await this.store.remember(transaction.manager, scope, response);
      return response;
    });
  }
}
