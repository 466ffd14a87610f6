import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, Role } from '@envrefresh/auth';

/** Who calls: nobody the gateway can authenticate, a valid token without roles, or one role. */
export const CALLERS = ['anonymous', 'no role', ...ROLES] as const;
export type Caller = (typeof CALLERS)[number];

export interface RouteAccess {
  /** `METHOD /path` as the OpenAPI document spells it under `/api/v1`, e.g. `POST /intents/{id}/approve`. */
  route: string;
  method: string;
  path: string;
  /** The status each caller gets, or null for a route whose credential is not a bearer token. */
  statuses: Record<Caller, number> | null;
}

/** The one table of who may call what: docs/security.md, between its route-access-table markers. */
export const ROUTE_ACCESS_DOCUMENT = join(__dirname, '../../../../../docs/security.md');

const START = '<!-- route-access-table:start -->';
const END = '<!-- route-access-table:end -->';

let parsed: RouteAccess[] | undefined;

/** Parses the table once; throws on a header or a cell it cannot read, so a typo fails loudly. */
export function routeAccessTable(): RouteAccess[] {
  if (parsed) return parsed;
  const text = readFileSync(ROUTE_ACCESS_DOCUMENT, 'utf8');
  const block = text.slice(text.indexOf(START) + START.length, text.indexOf(END));
  if (!text.includes(START) || !text.includes(END))
    throw new Error(`${ROUTE_ACCESS_DOCUMENT} has no access table`);
  const rows = block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  const [header, , ...body] = rows;
  if (header.join('|') !== ['route', ...CALLERS].join('|'))
    throw new Error(`the access table's columns are ${header.join(', ')}, not route, ${CALLERS.join(', ')}`);
  parsed = body.map((cells) => {
    const route = cells[0].replace(/`/g, '');
    const [method, path] = route.split(' ');
    const statusCells = cells.slice(1);
    if (statusCells.every((cell) => cell === 'feed token')) return { route, method, path, statuses: null };
    const statuses = Object.fromEntries(
      CALLERS.map((caller, index) => {
        const status = Number(statusCells[index]);
        if (!Number.isInteger(status))
          throw new Error(`${route}: "${statusCells[index]}" for ${caller} is no status`);
        return [caller, status];
      }),
    ) as Record<Caller, number>;
    return { route, method, path, statuses };
  });
  return parsed;
}

export function accessOf(route: string): RouteAccess {
  const found = routeAccessTable().find((entry) => entry.route === route);
  if (!found) throw new Error(`${route} is not in the access table of docs/security.md`);
  return found;
}

/** The roles the table lets through on `route` (for the deep matrices that prove the success status). */
export function allowedRoles(route: string): Role[] {
  const { statuses } = accessOf(route);
  if (!statuses) throw new Error(`${route} takes no bearer token`);
  return ROLES.filter((role) => statuses[role] < 300);
}

export function successStatus(route: string): number {
  const { statuses } = accessOf(route);
  return statuses ? statuses.admin : 200;
}
