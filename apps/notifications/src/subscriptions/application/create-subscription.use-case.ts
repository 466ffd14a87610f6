import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CreateSubscriptionPayload, SubscriptionWithSecret } from '@envrefresh/contracts';
import { IdempotentCommandRunner } from '@envrefresh/application';
import { ActingUser, Clock, Problems, actorRefOf } from '@envrefresh/kernel';
import { Subscription } from '../domain/subscription';
import { assertMayCreateFor } from '../domain/subscription-policy';
import { parseSubscriptionRequest } from '../domain/subscription-request.validation';
import { SUBSCRIPTION_REPOSITORY, SubscriptionRepository } from './subscription.repository.port';
import { TARGET_POLICY, TargetPolicy } from './target-policy.port';
import { toSubscriptionView } from './subscription-view.mapper';
import { webhookSecretOf } from './webhook-secrets';

export interface CreateSubscriptionCommand {
  user: ActingUser;
  payload: CreateSubscriptionPayload;
  idempotencyKey?: unknown;
}

/**
 * An admin, or a member for their own groups, subscribes a destination. The target is judged by
 * the outbound policy now; a webhook's secret is the caller's (checked) or a new one, returned
 * this once. The next matching event reaches it (read your writes: fan-out reads this table).
 */
@Injectable()
export class CreateSubscriptionUseCase {
  constructor(
    private readonly runner: IdempotentCommandRunner,
    @Inject(SUBSCRIPTION_REPOSITORY) private readonly subscriptions: SubscriptionRepository,
    @Inject(TARGET_POLICY) private readonly targets: TargetPolicy,
    private readonly clock: Clock,
  ) {}

  async execute({
    user,
    payload,
    idempotencyKey,
  }: CreateSubscriptionCommand): Promise<SubscriptionWithSecret> {
    const problems = new Problems();
    const request = parseSubscriptionRequest(payload, problems);
    if (problems.empty) {
      const refusal = this.targets.refusal(request.channel, request.target);
      if (refusal) problems.add('target', refusal);
    }
    let secret: string | null = null;
    if (request.channel === 'WEBHOOK') {
      const checked = webhookSecretOf(request.secret);
      if ('problem' in checked) problems.add('secret', checked.problem);
      else secret = checked.secret;
    }
    problems.throwIfAny('SUBSCRIPTION.INVALID');
    assertMayCreateFor(user, request.filter.groups);
    return this.runner.run(
      { actorSub: user.sub, idempotencyKey, operation: 'subscriptions.create', payload },
      async ({ manager }) => {
        const now = this.clock.now().toISOString();
        const subscription: Subscription = {
          id: randomUUID(),
          channel: request.channel,
          target: request.target,
          secret,
          previousSecret: null,
          previousSecretUntil: null,
          filter: request.filter,
          enabled: true,
          disabledReason: null,
          createdBy: actorRefOf(user),
          createdAt: now,
          updatedAt: now,
        };
        await this.subscriptions.insert(manager, subscription);
        return { ...toSubscriptionView(subscription), ...(secret ? { secret } : {}) };
      },
    );
  }
}
