import { SetMetadata } from '@nestjs/common';

export const ON_EVENT_METADATA = 'envrefresh:on-event';

/**
 * Marks a provider method as the handler of one or more event types. The service's queue is bound
 * to every one of them; the method runs inside the inbox transaction, `(event, context) =>
 * Promise<void>`, and tells the types apart by `event.type` when it must.
 */
export const OnEvent = (...types: [string, ...string[]]): MethodDecorator =>
  SetMetadata(ON_EVENT_METADATA, types);
