import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { AuthenticatedActor } from '@envrefresh/auth';
import { AuthenticatedRequest } from './auth.guard';

/** The caller the AuthGuard verified. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedActor => {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!actor) throw new Error('CurrentActor used on a route without RequireRoles');
    return actor;
  },
);
