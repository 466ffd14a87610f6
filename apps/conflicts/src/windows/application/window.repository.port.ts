import type { EntityManager } from 'typeorm';
import { WindowKind } from '@envrefresh/contracts';
import { Window } from '../domain/window';

export interface WindowPageQuery {
  limit: number;
  kind?: WindowKind;
  /** Only windows covering this environment: by id, by its tier, or globally. */
  coveringEnvironmentId?: string;
  /** Newest first: only windows created strictly before this (createdAt, id) position. */
  before?: { createdAt: Date; id: string };
}

/** Blackout and maintenance windows in the conflicts schema; writes happen inside the caller's transaction. */
export interface WindowRepository {
  insert(manager: EntityManager, window: Window): Promise<void>;
  findById(manager: EntityManager, id: string): Promise<Window | null>;
  /** Deletes the window and returns it as it was; null when there is none with that id. */
  delete(manager: EntityManager, id: string): Promise<Window | null>;
  page(manager: EntityManager, query: WindowPageQuery): Promise<Window[]>;
}

export const WINDOW_REPOSITORY = Symbol('WindowRepository');
