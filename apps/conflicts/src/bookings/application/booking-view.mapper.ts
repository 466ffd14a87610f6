import { BookingView } from '@envrefresh/contracts';
import { BookingState } from '../domain/booking';

/** The booking as the API and `booking.*` events show it; the cancellation members only once cancelled. */
export function toBookingView(state: BookingState): BookingView {
  return {
    id: state.id,
    environmentId: state.environmentId,
    start: state.start.toISOString(),
    end: state.end.toISOString(),
    group: state.group,
    purpose: state.purpose,
    priority: state.priority,
    createdBy: state.createdBy,
    createdAt: state.createdAt.toISOString(),
    ...(state.cancelledBy ? { cancelledBy: state.cancelledBy } : {}),
    ...(state.cancelledAt ? { cancelledAt: state.cancelledAt.toISOString() } : {}),
  };
}
