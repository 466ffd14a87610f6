import { Injectable, Logger } from '@nestjs/common';
import type { AuthenticatedActor } from '@envrefresh/auth';
import { CATALOG_PROJECTORS, EnvironmentView } from '@envrefresh/contracts';
import { PROJECTION_CATCH_UP_WAIT_MS } from '../services/projection-catch-up';
import { ServiceClients } from '../services/service-clients';

/**
 * Read your writes for the catalog (ADR 0014): a 2xx to an environment write is sent only once
 * every service that projects the catalog has taken the change in (each asks the owner, not us),
 * so the next request, on any replica, is judged on it: a new dependency edge, a new maintenance
 * window. If a projector cannot be reached the write still stands (it is committed; a 5xx would
 * invite a retry of something done): that service then learns it from the event, and one that
 * meets the environment before knowing it at all asks the owner itself.
 */
@Injectable()
export class CatalogProjections {
  private readonly logger = new Logger(CatalogProjections.name);

  constructor(private readonly services: ServiceClients) {}

  /** `actor`: the writer, whose assertion travels with the call like any other (the projector needs none). */
  async caughtUpWith(environment: EnvironmentView, actor: AuthenticatedActor): Promise<void> {
    const environments = [{ id: environment.id, updatedAt: environment.updatedAt }];
    const results = await Promise.allSettled(
      CATALOG_PROJECTORS.map((contract) =>
        this.services.callWithin(contract, { actor, payload: { environments } }, PROJECTION_CATCH_UP_WAIT_MS),
      ),
    );
    results.forEach((result, index) => {
      if (result.status === 'rejected')
        this.logger.warn(
          `${CATALOG_PROJECTORS[index].service} did not catch up with environment ${environment.id}: ${(result.reason as Error)?.message}`,
        );
    });
  }
}
