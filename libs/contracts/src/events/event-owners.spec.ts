import { EVENT_CATALOG } from './event-catalog';
import { eventOwnerOf, ownedRoutingKeyPatterns } from './event-owners';

describe('event owners', () => {
  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition.source] as const))(
    '%s is owned by its source, %s',
    (type, source) => {
      expect(eventOwnerOf(type)).toBe(source);
    },
  );

  it('owns nothing outside the map, and matches whole prefixes only', () => {
    expect(eventOwnerOf('intentional.approved')).toBeUndefined();
    expect(eventOwnerOf('gateway.started')).toBeUndefined();
    expect(eventOwnerOf('')).toBeUndefined();
  });

  it('gives each owner one topic pattern per prefix', () => {
    expect(ownedRoutingKeyPatterns('intents')).toEqual(['environment.*', 'intent.*']);
    expect(ownedRoutingKeyPatterns('scheduling')).toEqual(['schedule.*']);
  });
});
