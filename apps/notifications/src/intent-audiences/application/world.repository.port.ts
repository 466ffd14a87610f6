import type { EntityManager } from 'typeorm';
import { BookingView, EnvironmentView } from '@envrefresh/contracts';
import { EnvironmentFact, EventSubject, IntentAudience } from '../domain/intent-audience';
import { EventSubjectRef } from '../domain/event-subject-ref';

/** Transitive dependents are followed this deep at most: a cycle or a long chain stays bounded. */
export const MAX_DEPENDENCY_DEPTH = 20;

/** This service's picture of the world, kept from events (environments, bookings, intents). */
export interface WorldRepository {
  /** Keeps the newest version of each intent's audience; returns whether it changed. */
  saveIntent(manager: EntityManager, audience: IntentAudience): Promise<boolean>;
  saveEnvironment(manager: EntityManager, environment: EnvironmentView): Promise<void>;
  saveBooking(manager: EntityManager, booking: BookingView): Promise<void>;
  /** The environment, intent, overlapping live bookings and transitive dependents of an event. */
  subjectOf(manager: EntityManager, ref: EventSubjectRef): Promise<EventSubject>;
  environment(manager: EntityManager, id: string): Promise<EnvironmentFact | null>;
  /** The known ones among these environment ids, by id. */
  environments(manager: EntityManager, ids: readonly string[]): Promise<Map<string, EnvironmentFact>>;
  /** Which of these environment ids are known here (ADR 0014: what is not must be asked for). */
  knownEnvironments(manager: EntityManager, ids: readonly string[]): Promise<Set<string>>;
  knownIntents(manager: EntityManager, ids: readonly string[]): Promise<Set<string>>;
}

export const WORLD_REPOSITORY = Symbol('WorldRepository');
