/** The apps that may appear as `source` of an event. */
export const EVENT_SOURCES = ['gateway', 'intents', 'conflicts', 'scheduling', 'notifications'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];
