import { DEFAULT_PORTS, readServiceConfig, EnvReader } from '@envrefresh/config';
import { OPERATIONAL_ROUTES } from '@envrefresh/observability';
import { ALERTS } from './alerts';
import { ENVIRONMENTS } from './environments';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestObject, REPOSITORY_ROOT, appliedObjects, podEnvironment } from './rendered-manifests';
import { DEPLOYED_APPS } from './suite';

const named = (objects: ManifestObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

describe.each(ENVIRONMENTS.map((environment) => [environment.name, environment] as const))(
  'the checked-in manifests of %s',
  (_, environment) => {
    const objects = appliedObjects(environment);

    it.each(DEPLOYED_APPS.map((app) => [app.name, app] as const))(
      '%s: probes on the paths its code serves, on the port its config reads',
      (name, app) => {
        const container = named(objects, 'Deployment', name)?.spec.template.spec.containers[0];
        const env = podEnvironment(environment, name);
        // The port the app will listen on is what its own config reader makes of the pod's variables.
        const port = readServiceConfig(name, new EnvReader(env)).port;
        expect(port).toBe(DEFAULT_PORTS[name]);
        expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
        for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          expect(container[probe].httpGet.port).toBe('http');
          expect(OPERATIONAL_ROUTES).toContain(container[probe].httpGet.path.replace(/^\//, ''));
        }
        expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
        expect(named(objects, 'Service', name)?.spec.ports[0].targetPort).toBe('http');
        expect(app.port).toBe(port);
      },
    );

    it.each(DEPLOYED_APPS.map((app) => [app.name] as const))(
      '%s: non-root, read-only root, no capabilities, spread, autoscaled, disruption-budgeted',
      (name) => {
        const pod = named(objects, 'Deployment', name)?.spec.template.spec;
        const [container] = pod.containers;
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        expect(container.resources.requests.cpu).toBeDefined();
        expect(container.resources.limits.memory).toBeDefined();
        expect(pod.topologySpreadConstraints.length).toBeGreaterThan(0);
        expect(named(objects, 'HorizontalPodAutoscaler', name)?.spec.scaleTargetRef.name).toBe(name);
        expect(named(objects, 'PodDisruptionBudget', name)?.spec.minAvailable).toBe(1);
      },
    );

    it('lets only the gateway be reached from the ingress controller, and only notifications reach the outside', () => {
      const policies = objects.filter((object) => object.kind === 'NetworkPolicy');
      expect(named(objects, 'NetworkPolicy', 'default-deny')?.spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      });
      const fromIngress = policies
        .filter((policy) =>
          JSON.stringify(policy.spec.ingress ?? []).includes(environment.ingressControllerNamespace),
        )
        .map((policy) => policy.metadata.name);
      expect(fromIngress).toEqual(['gateway']);
      const toInternet = policies
        .filter((policy) => JSON.stringify(policy.spec.egress ?? []).includes('0.0.0.0/0'))
        .map((policy) => policy.metadata.name);
      // The gateway's is the identity provider's JWKS on 443 only.
      expect(toInternet.sort()).toEqual(['gateway', 'notifications']);
      const gatewayInternetPorts = named(objects, 'NetworkPolicy', 'gateway')
        ?.spec.egress.filter((rule: ManifestObject) => JSON.stringify(rule.to).includes('0.0.0.0/0'))
        .flatMap((rule: ManifestObject) => rule.ports.map((port: ManifestObject) => port.port));
      expect(gatewayInternetPorts).toEqual([443]);
      const withDatabase = policies
        .filter((policy) => JSON.stringify(policy.spec.egress ?? []).includes('5432'))
        .map((policy) => policy.metadata.name);
      expect(withDatabase.sort()).toEqual(['conflicts', 'intents', 'migrate', 'notifications', 'scheduling']);
    });

    it('carries every alert, each with a runbook section in docs/operations.md', () => {
      const rule = objects.find((object) => object.kind === 'PrometheusRule');
      expect(rule?.spec.groups[0].rules.map((entry: ManifestObject) => entry.alert)).toEqual(
        ALERTS.map((alert) => alert.alert),
      );
      const runbook = readFileSync(join(REPOSITORY_ROOT, 'docs/operations.md'), 'utf8');
      for (const { alert } of ALERTS) expect(runbook).toContain(`\n### Alert: ${alert}\n`);
    });
  },
);
