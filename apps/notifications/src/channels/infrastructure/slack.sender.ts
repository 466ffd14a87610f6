import { AttemptOutcome, ChannelSender, OutboundMessage } from '../application/channel-sender.port';
import { noticeForMessage } from '../application/notice-for-message';
import { slackMessage } from '../domain/formats/slack-message';
import { HttpPoster } from './http-poster';

/** A Slack incoming webhook: Block Kit blocks with a `text` fallback. */
export class SlackSender implements ChannelSender {
  constructor(
    private readonly poster: HttpPoster,
    private readonly publicUrl: string,
  ) {}

  send(message: OutboundMessage): Promise<AttemptOutcome> {
    const payload = slackMessage(noticeForMessage(message, this.publicUrl));
    return this.poster.post(message.target, JSON.stringify(payload), {});
  }
}
