import type { Writable } from 'node:stream';

/** The parts of amqplib's connection (2.x) this reaches into: its multiplexer and its socket. */
interface AmqplibConnectionInternals {
  muxer?: { _readIncoming?: () => void };
  stream?: Writable;
}

/**
 * amqplib's multiplexer hands the socket every frame group it takes from a channel with a write
 * of its own, so a relay publishing a batch of 200 events, or a consumer acknowledging a batch,
 * makes one system call per message: 8 % of the notifications app's CPU in a fan-out
 * (docs/PERFORMANCE.md, 2026-12-08). Corking the socket for one pass of the multiplexer sends what
 * that pass took as one `writev`; the frames, their order and the multiplexer's back-pressure are
 * unchanged. Reaches into amqplib's internals, so it does nothing, and says so, when their shape
 * is not the expected one.
 */
export function coalesceFrameWrites(connection: unknown): boolean {
  const internals = (connection as { connection?: AmqplibConnectionInternals } | undefined)?.connection;
  const muxer = internals?.muxer;
  const socket = internals?.stream;
  const readIncoming = muxer?._readIncoming;
  if (!muxer || typeof readIncoming !== 'function' || typeof socket?.cork !== 'function') return false;
  muxer._readIncoming = () => {
    socket.cork();
    try {
      readIncoming.call(muxer);
    } finally {
      socket.uncork();
    }
  };
  return true;
}
