import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { RequestValidationException } from './validation-errors';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Printable ASCII without spaces, as the IETF draft's examples and the usual clients (UUIDs) use. */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** The optional `Idempotency-Key` of a creating POST; a malformed one is a 400 naming the header. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
      IDEMPOTENCY_KEY_HEADER
    ];
    if (header === undefined) return undefined;
    if (typeof header !== 'string' || !VALID_KEY.test(header)) {
      throw new RequestValidationException([
        {
          field: 'Idempotency-Key',
          message: 'must be 1 to 255 printable characters without spaces, e.g. a UUID',
        },
      ]);
    }
    return header;
  },
);
