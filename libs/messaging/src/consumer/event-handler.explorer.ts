import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EventHandlerFn, handledVersions } from './event-handler';
import { ON_EVENT_METADATA, OnEventMetadata } from './on-event.decorator';

/**
 * Finds every `@OnEvent` method among the app's providers: one entry per event type it handles.
 * Several bounded contexts of one service may each keep their own projection of the same event
 * (scheduling's schedules and its calendar both follow every intent event): their methods then
 * run one after another, in discovery order, in the event's one transaction, so the inbox still
 * records the event once and a failure of either retries both; each runs only for the versions it
 * declares, and the type's entry understands every version one of them does. The same method of
 * the same class found twice (a provider registered in two modules) is a mistake and refused.
 */
@Injectable()
export class EventHandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  explore(): Map<string, EventHandlerFn> {
    const handlers = new Map<string, EventHandlerFn>();
    const names = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[methodName] as (...args: unknown[]) => unknown;
        const metadata = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT_METADATA, method);
        if (!metadata) continue;
        const { types } = metadata;
        const handler = method.bind(instance) as EventHandlerFn;
        if (metadata.versions) handler.versions = metadata.versions;
        const name = `${prototype.constructor.name}.${methodName}`;
        for (const type of types) {
          const known = names.get(type) ?? [];
          if (known.includes(name))
            throw new Error(`${name} handles ${type} twice: is it provided in two modules?`);
          names.set(type, [...known, name]);
          const before = handlers.get(type);
          handlers.set(type, before ? inTurn(before, handler) : handler);
        }
      }
    }
    return handlers;
  }
}

/** Two handlers of one type, one after the other, each for the versions it understands. */
function inTurn(first: EventHandlerFn, second: EventHandlerFn): EventHandlerFn {
  const firstVersions = handledVersions(first);
  const secondVersions = handledVersions(second);
  const both: EventHandlerFn = async (event, context) => {
    if (firstVersions.includes(event.version)) await first(event, context);
    if (secondVersions.includes(event.version)) await second(event, context);
  };
  both.versions = [...new Set([...firstVersions, ...secondVersions])].sort((a, b) => a - b);
  return both;
}
