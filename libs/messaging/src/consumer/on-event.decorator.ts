import { SetMetadata } from '@nestjs/common';

export const ON_EVENT_METADATA = 'envrefresh:on-event';

export interface OnEventOptions {
  /**
   * The versions of the types the method understands (default `[1]`). Within a version an event
   * only gains optional fields; a change that is not additive is a new version, published beside
   * the old one (ADR 0025), and a method sees it only once it declares that version here.
   */
  versions: readonly number[];
}

/** What `@OnEvent` records on the method, read by EventHandlerExplorer. */
export interface OnEventMetadata {
  types: readonly string[];
  versions?: readonly number[];
}

/**
 * Marks a provider method as the handler of one or more event types. The service's queue is bound
 * to every one of them; the method runs inside the inbox transaction, `(event, context) =>
 * Promise<void>`, and tells the types apart by `event.type` when it must. A last argument
 * `{ versions: [1, 2] }` declares the versions it understands; any other is skipped (acked and
 * counted), never handed to it.
 */
export function OnEvent(
  ...args: [string, ...string[]] | [string, ...string[], OnEventOptions]
): MethodDecorator {
  const last = args[args.length - 1];
  const options = typeof last === 'object' ? last : undefined;
  const types = (args as readonly (string | OnEventOptions)[]).filter(
    (arg): arg is string => typeof arg === 'string',
  );
  if (
    options &&
    (options.versions.length === 0 || options.versions.some((v) => !Number.isInteger(v) || v < 1))
  )
    throw new Error(`@OnEvent(${types.join(', ')}): versions must be whole numbers from 1`);
  const metadata: OnEventMetadata = { types, ...(options ? { versions: [...options.versions] } : {}) };
  return SetMetadata(ON_EVENT_METADATA, metadata);
}
