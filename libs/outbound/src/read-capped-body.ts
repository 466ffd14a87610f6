import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { OutboundError } from './outbound-error';

/**
 * Reads a response body up to `maxBytes` and aborts past it: a server that streams forever or
 * announces a huge body costs at most the cap, never the process's memory.
 */
export async function readCappedBody(
  body: Readable,
  headers: Dispatcher.ResponseData['headers'],
  maxBytes: number,
  origin: string,
): Promise<Buffer> {
  const tooLarge = (seen: string) =>
    new OutboundError(
      'OUTBOUND.RESPONSE_TOO_LARGE',
      `${origin}'s response body ${seen} the cap of ${maxBytes} bytes`,
      { origin },
    );
  const announced = Number(headers['content-length']);
  if (Number.isFinite(announced) && announced > maxBytes) {
    discard(body);
    throw tooLarge(`of ${announced} bytes (Content-Length) is over`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      discard(body);
      throw tooLarge('went past');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

/**
 * An answer that has no body by HTTP's rules (RFC 9110: a HEAD's, a 204, a 304) or announces an
 * empty one: a webhook's usual answer, whose stream need not be iterated (that costs a delivery
 * more CPU than the rest of reading its answer).
 */
export function hasNoBody(
  method: string,
  status: number,
  headers: Dispatcher.ResponseData['headers'],
): boolean {
  return (
    method === 'HEAD' ||
    status === 204 ||
    status === 304 ||
    (headers['content-length'] === '0' && headers['transfer-encoding'] === undefined)
  );
}

/** Lets the connection go after a bodiless answer: undici drains what little there is. */
export async function emptyBody(body: Readable & { dump?: () => Promise<void> }): Promise<Buffer> {
  if (typeof body.dump === 'function') await body.dump();
  else for await (const _chunk of body) void _chunk;
  return EMPTY;
}

const EMPTY = Buffer.alloc(0);

/** Stops reading and lets the connection go; the abort this raises on the stream is expected. */
export function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}
