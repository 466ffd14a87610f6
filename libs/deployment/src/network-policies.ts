import type { INetworkPolicy, INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1';
import { DeploymentEnvironment, Endpoint } from './environments';
import { DeployedApp, MIGRATE, NAMESPACE, PART_OF, appLabels, appSelector } from './suite';

const DNS: INetworkPolicyEgressRule = {
  to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

function egressTo({ peers, ports }: Endpoint): INetworkPolicyEgressRule {
  return { to: peers, ports: ports.map((port) => ({ protocol: 'TCP', port })) };
}

function namespaceNamed(name: string) {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } };
}

/** Nothing in the namespace talks to anything, in or out, unless a policy below allows it. */
export function denyAll(): INetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace: NAMESPACE, labels: { ...PART_OF } },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
}

/**
 * What one app may do: be scraped by Prometheus; the gateway alone be reached by the ingress
 * controller; reach Postgres (if it has a schema), RabbitMQ, the identity provider's JWKS where
 * it verifies tokens, and for notifications the outside world. Probes come from the kubelet on
 * the node, which NetworkPolicies do not filter.
 */
export function appNetworkPolicy(app: DeployedApp, environment: DeploymentEnvironment): INetworkPolicy {
  const from = [namespaceNamed(environment.monitoringNamespace)];
  if (app.reach.public) from.push(namespaceNamed(environment.ingressControllerNamespace));
  const egress = [DNS, egressTo(environment.rabbitmq)];
  if (app.reach.database) egress.push(egressTo(environment.postgres));
  if (app.reach.verifiesTokens) egress.push(egressTo(environment.identityProvider));
  if (app.reach.outside) egress.push(egressTo(environment.outside));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: app.name, namespace: NAMESPACE, labels: appLabels(app.name) },
    spec: {
      podSelector: { matchLabels: appSelector(app.name) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from, ports: [{ protocol: 'TCP', port: 'http' }] }],
      egress,
    },
  };
}

/** The migration Job reaches Postgres and nothing else. */
export function migrationNetworkPolicy(environment: DeploymentEnvironment): INetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'migrate', namespace: NAMESPACE, labels: appLabels(MIGRATE) },
    spec: {
      podSelector: { matchLabels: appSelector(MIGRATE) },
      policyTypes: ['Ingress', 'Egress'],
      egress: [DNS, egressTo(environment.postgres)],
    },
  };
}
