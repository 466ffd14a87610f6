import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EventHandlerFn } from './event-handler';
import { ON_EVENT_METADATA } from './on-event.decorator';

/** Finds every `@OnEvent` method among the app's providers: one entry per event type it handles. */
@Injectable()
export class EventHandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  explore(): Map<string, EventHandlerFn> {
    const handlers = new Map<string, EventHandlerFn>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[methodName] as (...args: unknown[]) => unknown;
        const types = this.reflector.get<readonly string[] | undefined>(ON_EVENT_METADATA, method);
        if (!types) continue;
        const handler = method.bind(instance) as EventHandlerFn;
        for (const type of types) {
          if (handlers.has(type)) throw new Error(`Two handlers for ${type} in one service; merge them`);
          handlers.set(type, handler);
        }
      }
    }
    return handlers;
  }
}
