import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { RefreshInvitation } from '../domain/notice/notice';

export interface InvitationParties {
  organizer: { name: string; email: string };
  attendee: string;
  /** DTSTAMP: when this copy of the entry was made. */
  stamp: Date;
}

/**
 * The refresh as an iTIP message (RFC 5546): METHOD:REQUEST puts it in the reader's calendar or
 * updates it (same UID, higher SEQUENCE), METHOD:CANCEL removes it. Times are in UTC; ORGANIZER
 * and ATTENDEE are what Outlook, Google and Apple Calendar need to treat it as an invitation.
 */
export function invitationIcs(invitation: RefreshInvitation, parties: InvitationParties): string {
  const calendar = ical({
    prodId: { company: 'envrefresh', product: 'notifications', language: 'EN' },
    method: invitation.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: invitation.uid,
    sequence: invitation.sequence,
    stamp: parties.stamp,
    start: invitation.start,
    end: invitation.end,
    summary: invitation.summary,
    description: invitation.description,
    location: invitation.location,
    url: invitation.url,
    status: invitation.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: parties.organizer,
    attendees: [
      {
        email: parties.attendee,
        role: ICalAttendeeRole.OPT,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: false,
      },
    ],
  });
  return calendar.toString();
}
