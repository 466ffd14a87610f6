import { readFileSync } from 'node:fs';

export interface CpuCost {
  /** CPU time of this Node process per operation. */
  processMicrosPerOp: number;
  /**
   * CPU time of the whole machine per operation (Node, Postgres, RabbitMQ, kernel), from
   * /proc/stat; undefined where that file does not exist. Meaningful when the services run here.
   */
  machineMicrosPerOp?: number;
}

/** /proc/stat counts in USER_HZ, which Linux fixes at 100 per second for user space. */
const MICROS_PER_TICK = 10_000;

/** Starts measuring; the returned function divides the CPU spent since by `operations`. */
export function startCpuMeter(): (operations: number) => CpuCost {
  const processStart = process.cpuUsage();
  const machineStart = machineBusyMicros();
  return (operations) => {
    const processUsed = process.cpuUsage(processStart);
    const machineEnd = machineBusyMicros();
    return {
      processMicrosPerOp: (processUsed.user + processUsed.system) / operations,
      machineMicrosPerOp:
        machineStart === undefined || machineEnd === undefined
          ? undefined
          : (machineEnd - machineStart) / operations,
    };
  };
}

function machineBusyMicros(): number | undefined {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) * MICROS_PER_TICK;
  } catch {
    return undefined;
  }
}
