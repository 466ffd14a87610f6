import { SetMetadata } from '@nestjs/common';

export const ON_EVENT_METADATA = 'envrefresh:on-event';

/**
 * Marks a provider method as the handler of one event type. Its queue is bound to that routing
 * key; the method runs inside the inbox transaction: `(event, context) => Promise<void>`.
 */
export const OnEvent = (type: string): MethodDecorator => SetMetadata(ON_EVENT_METADATA, type);
