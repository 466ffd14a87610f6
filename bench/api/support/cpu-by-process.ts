import { readFileSync, readdirSync } from 'node:fs';

/** /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
const MICROS_PER_TICK = 10_000;

/** Server processes found by name: they run outside the bench, so there is no pid to hold. */
const SERVERS: Record<string, string> = { postgres: 'postgres', 'beam.smp': 'rabbitmq' };

export interface CpuTarget {
  name: string;
  pid: number | undefined;
}

/** CPU time each part spent between start and stop, in microseconds. */
export type CpuSpent = Record<string, number>;

/**
 * Splits the CPU a load phase costs between the apps, PostgreSQL, RabbitMQ and the load
 * generator (this process), so a low rate can be traced to whoever burns the cycles. On a
 * machine the services share, the sum bounds the rate: cores ÷ CPU per request.
 */
export function startCpuMeter(targets: readonly CpuTarget[]): () => CpuSpent {
  const before = snapshot(targets);
  const selfBefore = process.cpuUsage();
  const machineBefore = machineBusyTicks();
  return () => {
    const after = snapshot(targets);
    const self = process.cpuUsage(selfBefore);
    const machine = (machineBusyTicks() - machineBefore) * MICROS_PER_TICK;
    const spent: CpuSpent = {};
    for (const [name, ticks] of Object.entries(after)) {
      spent[name] = Math.max(0, ticks - (before[name] ?? 0)) * MICROS_PER_TICK;
    }
    spent['load generator'] = self.user + self.system;
    const accounted = Object.values(spent).reduce((sum, micros) => sum + micros, 0);
    // Kernel work outside these processes, anything else that ran, and time the hypervisor took
    // (steal): a large share means the run was disturbed.
    spent.other = Math.max(0, machine - accounted);
    return spent;
  };
}

/** All CPUs' busy time from the first line of /proc/stat: user, nice, system, irq, softirq, steal. */
function machineBusyTicks(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

function snapshot(targets: readonly CpuTarget[]): Record<string, number> {
  const ticks: Record<string, number> = {};
  for (const { name, pid } of targets) ticks[name] = pid === undefined ? 0 : (ticksOf(pid) ?? 0);
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const comm = readOrUndefined(`/proc/${pid}/comm`)?.trim();
    const server = comm === undefined ? undefined : SERVERS[comm];
    if (server) ticks[server] = (ticks[server] ?? 0) + (ticksOf(Number(pid)) ?? 0);
  }
  return ticks;
}

/** utime + stime: fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised name. */
function ticksOf(pid: number): number | undefined {
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
