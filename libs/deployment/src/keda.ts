import { consumerTopology } from '@envrefresh/messaging';
import type { IScaledObject, ITriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { DeploymentEnvironment } from './environments';
import { DEPLOYED_APPS, DeployedApp, NAMESPACE, appLabels } from './suite';
import { cpuAutoscalerName } from './workloads';

/** The Secret KEDA reads the broker's management or AMQP URL from (key `host`). */
export const KEDA_BROKER_SECRET = 'envrefresh-keda-rabbitmq';
const TRIGGER_AUTHENTICATION = 'envrefresh-rabbitmq';

export function consumers(): DeployedApp[] {
  return DEPLOYED_APPS.filter((app) => app.reach.consumesEvents);
}

export function kedaTriggerAuthentication(): ITriggerAuthentication {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: { name: TRIGGER_AUTHENTICATION, namespace: NAMESPACE },
    spec: { secretTargetRef: [{ parameter: 'host', name: KEDA_BROKER_SECRET, key: 'host' }] },
  };
}

/**
 * Scales a consumer on its CPU and on the ready messages of its own queue. KEDA makes its own
 * HorizontalPodAutoscaler, so the component deletes the CPU one of the same Deployment.
 */
export function kedaScaledObject(app: DeployedApp, environment: DeploymentEnvironment): IScaledObject {
  const { minReplicas, maxReplicas } = environment.sizes[app.name];
  // Retry queues do not change the main queue's name; the delays here only fill the type.
  const { queue } = consumerTopology(NAMESPACE, app.name, []);
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: app.name, namespace: NAMESPACE, labels: appLabels(app.name) },
    spec: {
      scaleTargetRef: { name: app.name },
      minReplicaCount: minReplicas,
      maxReplicaCount: maxReplicas,
      triggers: [
        { type: 'cpu', metricType: 'Utilization', metadata: { value: String(environment.cpuTargetPercent) } },
        {
          type: 'rabbitmq',
          metadata: {
            protocol: 'auto',
            queueName: queue,
            vhostName: NAMESPACE,
            mode: 'QueueLength',
            value: String(environment.queueLengthPerReplica),
          },
          authenticationRef: { name: TRIGGER_AUTHENTICATION },
        },
      ],
    },
  };
}

/** Strategic-merge patches that remove the CPU autoscalers KEDA replaces. */
export function deletedCpuAutoscalers(): Record<string, unknown>[] {
  return consumers().map((app) => ({
    $patch: 'delete',
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: cpuAutoscalerName(app), namespace: NAMESPACE },
  }));
}
