/**
 * Thrown by a handler when retrying cannot help (the event contradicts this service's state, or
 * its data is unusable): the message goes straight to the dead-letter queue.
 */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
