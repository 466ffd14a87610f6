import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

// The rules of .dependency-cruiser.cjs, run the way `npm run lint` runs them: once on a fixture
// tree that breaks each rule exactly once (architecture-fixtures/, kept out of the build, the
// typecheck and the real lint), and once on the repository itself.

const ROOT = resolve(__dirname, '../../..');
const FIXTURES = join(__dirname, 'architecture-fixtures');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

function cruise(cwd: string, paths: string[]): Violation[] {
  const run = spawnSync(
    process.execPath,
    [CLI, ...paths, '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (!run.stdout) throw new Error(`dependency-cruiser gave no report: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** What a violation says, with npm packages named by their package and cycles by their files. */
function described({ rule, from, to, cycle }: Violation): string {
  const target = cycle
    ? cycle.map((step) => step.name).join(' → ')
    : to.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1');
  return `${rule.name}: ${from} → ${target}`;
}

describe('architecture rules (dependency-cruiser)', () => {
  let found: string[];
  beforeAll(() => {
    found = cruise(FIXTURES, ['apps', 'libs']).map(described);
  });

  it('reports the deliberate violation of every rule in the fixtures, and nothing else', () => {
    expect([...found].sort()).toEqual(
      [
        'no-cross-app-imports: apps/alpha/src/orders/interface/deep/down/here/reaches-beta.ts → apps/beta/src/ledger/domain/ledger.ts',
        'libs-never-import-apps: libs/widgets/src/knows-an-app.ts → apps/beta/src/ledger/domain/ledger.ts',
        'domain-is-framework-free: apps/alpha/src/orders/domain/uses-nest.ts → @nestjs/common',
        'domain-is-framework-free: apps/alpha/src/orders/domain/uses-auth-lib.ts → libs/auth/src/authenticate.ts',
        'domain-stays-in-its-context: apps/alpha/src/orders/domain/uses-other-domain-file.ts → apps/alpha/src/billing/domain/invoice.ts',
        'kernel-is-framework-free: libs/kernel/src/uses-typeorm.ts → typeorm',
        'contracts-are-framework-free: libs/contracts/src/uses-nest.ts → @nestjs/common',
        'application-not-to-infrastructure: apps/alpha/src/orders/application/place-order.use-case.ts → apps/alpha/src/orders/infrastructure/sql-orders.ts',
        'application-not-to-interface: apps/alpha/src/orders/application/reply.use-case.ts → apps/alpha/src/orders/interface/orders.controller.ts',
        'infrastructure-stays-in-its-context: apps/alpha/src/orders/infrastructure/sql-orders.ts → apps/alpha/src/billing/infrastructure/sql-invoices.ts',
        'no-circular: libs/widgets/src/first.ts → libs/widgets/src/second.ts → libs/widgets/src/first.ts',
      ].sort(),
    );
  });

  it('lets through what the rules allow: a context domain index, the kernel, the app-wide shared adapters', () => {
    // order.ts imports another context's domain through its index.ts and the kernel; sql-orders.ts
    // imports its app's shared/infrastructure: none of these is reported.
    expect(found.filter((line) => line.includes('domain/order.ts'))).toEqual([]);
    expect(found.filter((line) => line.includes('shared/infrastructure'))).toEqual([]);
  });

  it('finds nothing in the repository', () => {
    expect(cruise(ROOT, ['apps', 'libs', 'bench']).map(described)).toEqual([]);
  });
});
