import { AttemptOutcome, ChannelSender, OutboundMessage } from '../application/channel-sender.port';
import { noticeForMessage } from '../application/notice-for-message';
import { teamsMessage } from '../domain/formats/teams-message';
import { HttpPoster } from './http-poster';

/** A Teams Workflows webhook: a message with one Adaptive Card (version 1.5). */
export class TeamsSender implements ChannelSender {
  constructor(
    private readonly poster: HttpPoster,
    private readonly publicUrl: string,
  ) {}

  send(message: OutboundMessage): Promise<AttemptOutcome> {
    const payload = teamsMessage(noticeForMessage(message, this.publicUrl));
    return this.poster.post(message.target, JSON.stringify(payload), {});
  }
}
