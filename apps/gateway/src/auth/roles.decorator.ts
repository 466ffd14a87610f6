import { SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Role } from '@envrefresh/auth';
import { InFlightLimitGuard } from '../http/in-flight-limit.guard';
import { AuthGuard } from './auth.guard';
import { REQUIRED_ROLES } from './required-roles.metadata';

/**
 * The route needs a valid bearer token carrying one of these roles (or a role that includes it),
 * and the caller a free slot of their in-flight share.
 */
export const RequireRoles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    UseGuards(AuthGuard, InFlightLimitGuard),
    ApiBearerAuth(),
  );
