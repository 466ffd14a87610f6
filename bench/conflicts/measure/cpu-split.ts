import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
const MICROS_PER_TICK = 10_000;

/** CPU time in µs: this database's backends, this Node process, and the rest of the machine. */
export interface CpuSplit {
  postgres: number;
  node: number;
  other: number;
}

/**
 * Meters a phase's CPU: the PostgreSQL backends serving the bench database (found by database,
 * so other databases on the same server do not count), this Node process (the service's code and
 * whatever drives it), and the rest of the machine's busy time (kernel, other processes, steal),
 * which says how disturbed the run was.
 */
export async function startCpuSplit(databaseUrl: string): Promise<() => Promise<CpuSplit>> {
  const backendsBefore = await backendTicks(databaseUrl);
  const selfBefore = process.cpuUsage();
  const machineBefore = machineBusyTicks();
  return async () => {
    const self = process.cpuUsage(selfBefore);
    const machine = (machineBusyTicks() - machineBefore) * MICROS_PER_TICK;
    const backendsAfter = await backendTicks(databaseUrl);
    let postgresTicks = 0;
    for (const [pid, ticks] of backendsAfter) postgresTicks += ticks - (backendsBefore.get(pid) ?? 0);
    const postgres = postgresTicks * MICROS_PER_TICK;
    const node = self.user + self.system;
    return { postgres, node, other: Math.max(0, machine - postgres - node) };
  };
}

/** utime + stime of every backend connected to the database, by pid (the metering one left out). */
async function backendTicks(databaseUrl: string): Promise<Map<number, number>> {
  const client = new Client({
    connectionString: databaseUrl,
    application_name: 'envrefresh-conflicts-bench:cpu',
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    const ticks = new Map<number, number>();
    for (const { pid } of rows) {
      const spent = ticksOf(pid);
      if (spent !== undefined) ticks.set(pid, spent);
    }
    return ticks;
  } finally {
    await client.end();
  }
}

/** Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised name. */
function ticksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function machineBusyTicks(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}
