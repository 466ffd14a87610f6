import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  HistoryEntryView,
  HistoryVerification,
  INTENT_STATUSES,
  IntentStatus,
  IntentView,
  ListIntentsQuery,
  Page,
} from '@envrefresh/contracts';
import { actingUserOf, assertValidQuery, decodeCursor, pageFrom, pageSize } from '@envrefresh/application';
import { Problems, isUuid, parseInstant } from '@envrefresh/kernel';
import { verifyChain } from '../domain/history-chain';
import { INTENT_HISTORY_REPOSITORY, IntentHistoryRepository } from './intent-history.repository.port';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { toHistoryEntryView, toIntentView } from './intent-view.mapper';
import { PEOPLE_DIRECTORY, PeopleDirectory } from './people-directory.port';
import { VisibleIntentLoader } from './visible-intent.loader';

/** Reads of intents and their audit trail, each under the row-level visibility rule. */
@Injectable()
export class IntentQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: VisibleIntentLoader,
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    @Inject(INTENT_HISTORY_REPOSITORY) private readonly history: IntentHistoryRepository,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
  ) {}

  async get(actor: unknown, intentId: unknown): Promise<IntentView> {
    const { intent } = await this.loader.load(this.dataSource.manager, actingUserOf(actor), intentId);
    return toIntentView(intent.snapshot());
  }

  /** Newest first; status, environment and window-overlap filters; opaque cursor. */
  async list(actor: unknown, query: ListIntentsQuery = {}): Promise<Page<IntentView>> {
    const user = actingUserOf(actor);
    const problems = new Problems();
    const limit = pageSize(query.limit, problems);
    const position = decodeCursor(query.cursor, ['c', 'i'], problems);
    const before = position && { createdAt: new Date(position.c), id: position.i };
    if (before && (Number.isNaN(before.createdAt.getTime()) || !isUuid(before.id))) {
      problems.add('cursor', 'is not a cursor this list handed out; start again without it');
    }
    if (query.status !== undefined && !(INTENT_STATUSES as readonly unknown[]).includes(query.status)) {
      problems.add('status', `must be one of ${INTENT_STATUSES.join(', ')}`);
    }
    if (query.environmentId !== undefined && !isUuid(query.environmentId)) {
      problems.add('environmentId', 'must be the id (uuid) of an environment');
    }
    const from = query.from === undefined ? undefined : parseInstant(query.from, 'from', problems);
    const to = query.to === undefined ? undefined : parseInstant(query.to, 'to', problems);
    if (from && to && to <= from) problems.add('to', 'must be after from');
    assertValidQuery(problems);

    const rows = await this.intents.page(this.dataSource.manager, {
      viewer: { all: user.isAdmin, sub: user.sub, groups: user.groups },
      limit: limit + 1,
      status: query.status as IntentStatus | undefined,
      environmentId: query.environmentId?.toLowerCase(),
      from,
      to,
      before,
    });
    return pageFrom(
      rows,
      limit,
      (intent) => toIntentView(intent.snapshot()),
      (last) => ({ c: last.createdAt, i: last.id }),
    );
  }

  async historyOf(actor: unknown, intentId: unknown): Promise<HistoryEntryView[]> {
    const { intent } = await this.loader.load(this.dataSource.manager, actingUserOf(actor), intentId);
    const entries = await this.history.list(this.dataSource.manager, intent.id);
    const people = await this.people.lookUp(
      this.dataSource.manager,
      entries.map((entry) => entry.actor.sub),
    );
    return entries.map((entry) => toHistoryEntryView(entry, people));
  }

  /** Reads the intent and its trail in one snapshot, so a transition in between cannot look like tampering. */
  async verifyHistory(actor: unknown, intentId: unknown): Promise<HistoryVerification> {
    const user = actingUserOf(actor);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { intent } = await this.loader.load(manager, user, intentId);
      const verification = verifyChain(await this.history.list(manager, intent.id), intent.status);
      return { intentId: intent.id, ...verification };
    });
  }
}
