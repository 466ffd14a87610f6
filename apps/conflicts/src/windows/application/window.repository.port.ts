import type { EntityManager } from 'typeorm';
import { WindowKind } from '@envrefresh/contracts';
import { ActorRef } from '@envrefresh/kernel';
import { Window } from '../domain/window';

export interface WindowPageQuery {
  limit: number;
  kind?: WindowKind;
  /** Only windows covering this environment: by id, by its tier, or globally. */
  coveringEnvironmentId?: string;
  /** Newest first: only windows created strictly before this (createdAt, id) position. */
  before?: { createdAt: Date; id: string };
  /** Deleted windows too (an admin's audit); otherwise only those standing. */
  includeDeleted: boolean;
}

/** Blackout and maintenance windows in the conflicts schema; writes happen inside the caller's transaction. */
export interface WindowRepository {
  insert(manager: EntityManager, window: Window): Promise<void>;
  /** A window standing (not deleted); null otherwise. */
  findById(manager: EntityManager, id: string): Promise<Window | null>;
  /**
   * Marks the standing window deleted by `by` at `at` and returns it so; null when no window
   * with that id stands. The row stays: only the record of it, never detection, reads it again.
   */
  markDeleted(manager: EntityManager, id: string, by: ActorRef, at: Date): Promise<Window | null>;
  page(manager: EntityManager, query: WindowPageQuery): Promise<Window[]>;
}

export const WINDOW_REPOSITORY = Symbol('WindowRepository');
