import { destination, type DestinationStream } from 'pino';

let shared: DestinationStream | undefined;

/**
 * Standard output, written asynchronously: a line logged while a write is in flight joins the
 * next one, so a busy app makes one write for many lines instead of a blocking write per line
 * (a tenth of a gateway GET's CPU when each access line was its own `writeSync`). No minimum
 * length, so a quiet app's line still leaves at once. pino flushes it synchronously when the
 * process exits; only a SIGKILL can lose the lines of the write then in flight. One per process,
 * so apps sharing a process (the test beds) never interleave two writers on one descriptor.
 */
export function stdoutDestination(): DestinationStream {
  shared ??= destination({ dest: 1, sync: false });
  return shared;
}
