export const ROLES = ['viewer', 'requester', 'approver', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Each role and the roles it includes: approver ⊃ requester ⊃ viewer; operator ⊃ viewer; admin ⊃ all. */
const INCLUDES: Record<Role, readonly Role[]> = {
  viewer: ['viewer'],
  requester: ['requester', 'viewer'],
  approver: ['approver', 'requester', 'viewer'],
  operator: ['operator', 'viewer'],
  admin: ROLES,
};

/** Does someone holding `held` act with at least one of `required`? */
export function grantsAny(held: readonly string[], required: readonly Role[]): boolean {
  return held.some((role) =>
    (INCLUDES as Record<string, readonly Role[]>)[role]?.some((included) => required.includes(included)),
  );
}
