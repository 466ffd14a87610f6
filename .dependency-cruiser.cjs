// The architecture rules `npm run lint` enforces (docs/architecture.md, "Layers"). Paths are
// matched from the repository root: apps/<app>/src/<context>/<layer>/..., libs/<lib>/src/...
// libs/testing/test/architecture-rules.spec.ts shows each rule refusing a deliberate violation.

// Packages a framework-free module may not import (matched on where they resolve): Nest, the ORM,
// the database driver, the broker client.
const FRAMEWORKS = [
  'node_modules/@nestjs/',
  'node_modules/typeorm/',
  'node_modules/pg/',
  'node_modules/pg-[^/]+/',
  'node_modules/amqplib/',
  'node_modules/amqp-connection-manager/',
];
// The only libs a domain may import: the framework-free kernel, the contracts' types and the
// recurrence expansion (pure, built on those two).
const DOMAIN_LIBS = ['^libs/kernel/', '^libs/contracts/', '^libs/recurrence/'];

// `$1` in a `pathNot` stands for the first group the rule's `from.path` captured.
const LAYER = (layer) => `^apps/([^/]+)/src/([^/]+)/${layer}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-app-imports',
      comment:
        'An app never imports another app; what two apps share lives once in libs/. A test bed (test/support/) may boot a neighbouring service in-process, as a deployment runs it beside.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/[^/]+/test/support/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'A library serves every app and knows none of them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-is-framework-free',
      comment:
        'The domain is pure TypeScript: no Nest, TypeORM, pg, amqplib, nor a lib but kernel, contracts and recurrence (auth, messaging and persistence are built on those frameworks).',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/[^/]+/domain/' },
      to: { path: [...FRAMEWORKS, '^libs/'], pathNot: DOMAIN_LIBS },
    },
    {
      name: 'domain-stays-in-its-context',
      comment:
        "A context's domain imports its own domain, libs/kernel and libs/contracts' types; of another context of its app only the domain's published face (its index.ts), never its files nor any outer layer.",
      severity: 'error',
      from: { path: '^apps/([^/]+)/src/([^/]+)/domain/' },
      to: { path: '^apps/', pathNot: ['^apps/$1/src/$2/domain/', '^apps/$1/src/[^/]+/domain/index[.]ts$'] },
    },
    {
      name: 'kernel-is-framework-free',
      comment: 'libs/kernel is what every domain may import, so it imports no framework and no other lib.',
      severity: 'error',
      from: { path: '^libs/kernel/' },
      to: { path: [...FRAMEWORKS, '^libs/'], pathNot: '^libs/kernel/' },
    },
    {
      name: 'recurrence-is-framework-free',
      comment: 'A domain may import the recurrence expansion, so it imports no framework and no lib but the kernel and the contracts.',
      severity: 'error',
      from: { path: '^libs/recurrence/' },
      to: { path: [...FRAMEWORKS, '^libs/'], pathNot: DOMAIN_LIBS },
    },
    {
      name: 'contracts-are-framework-free',
      comment:
        "A domain may import the contracts' types, so they import no framework and no lib but the kernel.",
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: [...FRAMEWORKS, '^libs/'], pathNot: DOMAIN_LIBS },
    },
    {
      name: 'application-not-to-infrastructure',
      comment: 'Use cases reach the outside world through ports their context defines, bound in its module.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/[^/]+/application/' },
      to: { path: '^apps/[^/]+/src/[^/]+/infrastructure/' },
    },
    {
      name: 'application-not-to-interface',
      comment: 'The interface calls the application, never the other way round.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/[^/]+/application/' },
      to: { path: '^apps/[^/]+/src/[^/]+/interface/' },
    },
    {
      name: 'infrastructure-stays-in-its-context',
      comment:
        "One context's adapters do not reach into another context's adapters; what they share is a port, the schema module, or a lib.",
      severity: 'error',
      from: { path: LAYER('infrastructure') },
      to: {
        path: '^apps/[^/]+/src/[^/]+/infrastructure/',
        pathNot: ['^apps/$1/src/$2/', '^apps/$1/src/shared/'],
      },
    },
    {
      name: 'no-circular',
      comment:
        'Modules form no cycle: a cycle makes load order, and so the value of an import, depend on who loads first.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The fixtures break every rule on purpose; architecture-rules.spec.ts cruises them apart.
    exclude: { path: ['^dist/', '^libs/testing/test/architecture-fixtures/'] },
    // Type-only imports count: a domain that names a Nest type still depends on Nest.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    moduleSystems: ['cjs', 'es6'],
  },
};
