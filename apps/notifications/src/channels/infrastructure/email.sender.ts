import { Transporter, createTransport } from 'nodemailer';
import { AttemptOutcome, ChannelSender, OutboundMessage } from '../application/channel-sender.port';
import { noticeForMessage } from '../application/notice-for-message';
import { emailContent } from '../domain/formats/email-content';
import { invitationIcs } from './invitation.ics';
import { outcomeOfSmtpError } from './smtp-outcome';

export interface EmailSettings {
  /** SMTP_URL (smtp:// or smtps://); null when the deployment sends no e-mail. */
  smtpUrl: string | null;
  /** SMTP_FROM, e.g. `envrefresh <envrefresh@example.com>`. */
  from: string;
  publicUrl: string;
  /** Connect, greeting and idle-socket timeouts of one attempt. */
  timeoutMs: number;
  /** Certificate authorities for an SMTP server with a private CA (tests). */
  ca?: string | Buffer;
}

/** One address, no display name or second recipient: a target is a single mailbox. */
const MAILBOX = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.?[^\s@<>,;"]*$/;

/**
 * E-mail over SMTP with nodemailer: text and HTML of the same notice, and for a refresh that is
 * scheduled or cancelled an iCalendar invitation as a text/calendar alternative (what Outlook
 * and Gmail read as a meeting request) and as an .ics attachment.
 */
export class EmailSender implements ChannelSender {
  private readonly transport: Transporter | null;

  constructor(
    private readonly settings: EmailSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.transport = settings.smtpUrl
      ? createTransport({
          url: settings.smtpUrl,
          connectionTimeout: settings.timeoutMs,
          greetingTimeout: settings.timeoutMs,
          socketTimeout: settings.timeoutMs,
          tls: settings.ca ? { ca: settings.ca } : undefined,
        } as Parameters<typeof createTransport>[0])
      : null;
  }

  async send(message: OutboundMessage): Promise<AttemptOutcome> {
    if (!this.transport)
      return {
        kind: 'REJECTED',
        statusCode: null,
        error: 'SMTP_URL is not set: no e-mail is sent',
        durationMs: 0,
      };
    if (!MAILBOX.test(message.target))
      return {
        kind: 'REJECTED',
        statusCode: null,
        error: 'the target is not one e-mail address',
        durationMs: 0,
      };
    const notice = noticeForMessage(message, this.settings.publicUrl);
    const content = emailContent(notice);
    const ics = notice.invitation
      ? invitationIcs(notice.invitation, {
          organizer: { name: 'envrefresh', email: addressOf(this.settings.from) },
          attendee: message.target,
          stamp: this.now(),
        })
      : null;
    const started = Date.now();
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: message.target,
        subject: content.subject,
        text: content.text,
        html: content.html,
        headers: { 'X-Envrefresh-Delivery': message.deliveryId, 'X-Envrefresh-Event': message.event.id },
        icalEvent:
          ics && notice.invitation
            ? { method: notice.invitation.method, filename: 'refresh.ics', content: ics }
            : undefined,
      });
      return { kind: 'SENT', statusCode: null, durationMs: Date.now() - started };
    } catch (error) {
      return outcomeOfSmtpError(error, Date.now() - started);
    }
  }

  close(): void {
    this.transport?.close();
  }
}

/** The bare address of `Name <address>` or of an address. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
