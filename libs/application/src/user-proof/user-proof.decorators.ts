import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { RpcContract } from '@envrefresh/contracts';
import { ActingUser } from '@envrefresh/kernel';

/** Where the UserProofGuard leaves the proven user on the request: a symbol no message can carry. */
export const PROVEN_USER = Symbol('envrefresh:proven-user');
/** The roles as proven, for the rare rule about roles themselves (a token holds at most its creator's). */
export const PROVEN_ROLES = Symbol('envrefresh:proven-roles');
export const USER_PROOF_RULE = 'envrefresh:user-proof-rule';

/** How a handler's user is proven: its own request's assertion (the default), none, or delegated. */
export type UserProofRule = { kind: 'none' } | { kind: 'delegated'; from: RpcContract };

/** A handler that acts for nobody (the readiness ping). */
export const WithoutUserProof = () => SetMetadata(USER_PROOF_RULE, { kind: 'none' } satisfies UserProofRule);

/**
 * A handler another service calls on a user's behalf: the user's request to that service, whose
 * pattern is `from`, travels in `onBehalfOf` and its assertion proves it.
 */
export const DelegatedUserProof = (from: RpcContract) =>
  SetMetadata(USER_PROOF_RULE, { kind: 'delegated', from } satisfies UserProofRule);

/** The user the UserProofGuard proved for this request; never anything the message claims. */
export const ProvenUser = createParamDecorator((_data: unknown, context: ExecutionContext): ActingUser => {
  const user = (context.switchToRpc().getData() as Record<symbol, ActingUser | undefined>)?.[PROVEN_USER];
  if (!user) throw new Error('ProvenUser used on a handler without a user proof');
  return user;
});

/** The roles the UserProofGuard proved for this request, as the assertion names them. */
export const ProvenRoles = createParamDecorator((_data: unknown, context: ExecutionContext): string[] => {
  const roles = (context.switchToRpc().getData() as Record<symbol, string[] | undefined>)?.[PROVEN_ROLES];
  if (!roles) throw new Error('ProvenRoles used on a handler without a user proof');
  return roles;
});
