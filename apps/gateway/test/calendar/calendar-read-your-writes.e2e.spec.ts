import { CalendarEntryView } from '@envrefresh/contracts';
import { useApiSuite } from '../api/support/api-suite';
import { expectStatus } from '../api/support/lifecycle';
import { ConflictCalendar } from '../conflicts/support/calendar';

/**
 * SPEC "Read your writes" for the calendar (ADR 0014): a booking, a window, an intent or an
 * environment's maintenance window just written through the API is on the very next
 * `GET /calendar`, although the scheduling service learns of them from events. No waiting
 * between the write and the read, several rounds in a row, every app on its own broker user.
 */
describe('the calendar reads your writes', () => {
  // Each app as its own broker user with the committed least-privilege grants: scheduling may ask
  // intents and conflicts (RPC_CALLERS), and believes their events only from their users.
  const suite = useApiSuite({ brokerIdentities: true });
  let world: ConflictCalendar;
  const ROUNDS = 10;
  const range = { from: '2034-05-01T00:00:00Z', to: '2034-06-01T00:00:00Z' };

  beforeAll(() => {
    world = new ConflictCalendar(suite);
  });

  async function entries(environmentId: string): Promise<CalendarEntryView[]> {
    const response = await suite.api.get('/calendar', {
      as: world.cast.requester,
      query: { ...range, environmentId },
    });
    expectStatus(response, 200, 'GET /calendar');
    return response.body.items as CalendarEntryView[];
  }

  it(`shows at once what was just booked, windowed, filed, cancelled and deleted, ${ROUNDS} times`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const environment = await world.environment({
        maintenanceWindows: [
          { name: 'Own maintenance', start: '2034-05-02T00:00:00Z', end: '2034-05-02T04:00:00Z' },
        ],
      });
      const ownMaintenance = await entries(environment.id);
      expect({ round, kinds: ownMaintenance.map((entry) => entry.kind) }).toEqual({
        round,
        kinds: ['MAINTENANCE'],
      });

      const booking = await world.book(environment, {
        start: '2034-05-03T08:00:00Z',
        end: '2034-05-03T12:00:00Z',
      });
      const window = await world.window(
        'BLACKOUT',
        { start: '2034-05-04T00:00:00Z', end: '2034-05-05T00:00:00Z' },
        { environmentIds: [environment.id] },
      );
      const intent = await world.requested(environment, {
        start: '2034-05-06T08:00:00Z',
        end: '2034-05-06T10:00:00Z',
      });
      const written = await entries(environment.id);
      expect({ round, refs: written.map((entry) => entry.ref).sort() }).toEqual({
        round,
        refs: [booking.id, window.id, intent.id, `${environment.id}#maintenance-0`].sort(),
      });

      await world.cancelBooking(booking);
      const deleted = await suite.api.request('DELETE', `/windows/${window.id}`, { as: world.cast.admin });
      expectStatus(deleted, 200, 'DELETE /windows/{id}');
      await world.lifecycle.advance(intent, 'cancel');
      const undone = await entries(environment.id);
      expect({ round, undone: undone.map((entry) => [entry.ref, entry.status]) }).toEqual({
        round,
        undone: expect.arrayContaining([
          [booking.id, 'CANCELLED'],
          [intent.id, 'CANCELLED'],
        ]),
      });
      expect({ round, windowGone: undone.some((entry) => entry.ref === window.id) }).toEqual({
        round,
        windowGone: false,
      });
    }
  }, 300_000);
});
