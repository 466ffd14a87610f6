/**
 * What one event means to one reader, before any channel's format: every channel but WEBHOOK
 * (which sends the envelope itself) renders this to Block Kit, an Adaptive Card, text or HTML.
 */
export interface Notice {
  /** One line: what happened and where. The subject, Slack's `text`, the card's title. */
  title: string;
  /** A sentence or two saying what happens now. */
  summary: string;
  /** Labelled facts: refresh, status change, environment, the window in local time and UTC… */
  facts: NoticeFact[];
  /** Why this reader is told, person-readable. */
  reasons: readonly string[];
  /** What the reader can do: open the refresh, open the calendar. */
  links: NoticeLink[];
  tone: NoticeTone;
  /** The event type, id and time, for whoever traces a message back. */
  footnote: string;
  /** Set when the message should carry (or withdraw) a calendar entry for the refresh. */
  invitation: RefreshInvitation | null;
}

export interface NoticeFact {
  label: string;
  value: string;
}

export interface NoticeLink {
  label: string;
  url: string;
}

/** good: it went well; attention: someone must act or something broke; warning: watch it. */
export type NoticeTone = 'info' | 'good' | 'warning' | 'attention';

/**
 * The refresh as one calendar entry: the UID is the calendar feed's (`refresh-<intentId>@envrefresh`),
 * so an invitation and the feed update the same entry; SEQUENCE is the intent's version, which
 * rises with every change, so a moved refresh supersedes the old entry and a cancellation wins.
 */
export interface RefreshInvitation {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  url: string;
}

/** What a notice needs to know about the environment, as the sender hands it over. */
export interface NoticeEnvironment {
  id: string;
  key: string;
  name: string;
  tier: string;
  timezone: string;
}
