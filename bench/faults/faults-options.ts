/** What one `npm run test:faults` run does; every knob has a flag. */
export interface FaultsOptions {
  profile: 'full' | 'short';
  /** Load and soak instead of faults: a spike to twice `rate`, then `rate` for `durationSeconds`. */
  soak: boolean;
  durationSeconds: number;
  /** Flows started per second (a flow is one to seven requests: see load/flows.ts). */
  rate: number;
  /** How long a cut or outage lasts. */
  holdSeconds: number;
  /** Steady load before each fault and after the suite is ready again, before the checkpoint. */
  baselineSeconds: number;
  recoverySeconds: number;
  /** Keep the harness's Postgres cluster and broker folders after the run, to look into them. */
  keep: boolean;
}

const PROFILES: Record<FaultsOptions['profile'], Omit<FaultsOptions, 'profile' | 'soak' | 'keep'>> = {
  full: { durationSeconds: 600, rate: 6, holdSeconds: 10, baselineSeconds: 3, recoverySeconds: 8 },
  short: { durationSeconds: 60, rate: 3, holdSeconds: 5, baselineSeconds: 2, recoverySeconds: 3 },
};

const NUMERIC_FLAGS: Record<string, keyof typeof PROFILES.full> = {
  '--duration': 'durationSeconds',
  '--rate': 'rate',
  '--hold': 'holdSeconds',
  '--baseline': 'baselineSeconds',
  '--recovery': 'recoverySeconds',
};

export const FAULTS_USAGE = `usage: npm run test:faults -- [--profile full|short] [--soak] [${Object.keys(
  NUMERIC_FLAGS,
)
  .map((flag) => `${flag} N`)
  .join('] [')}] [--keep]
  --profile full   every fault (each replica kill apart), hold 10 s, rate 6 flows/s (default)
  --profile short  one fault of each kind, hold 5 s, rate 3 flows/s: what CI runs
  --soak           no faults: spike to twice --rate in 10 s, then --rate for --duration seconds (default 600)`;

export function readFaultsOptions(argv: readonly string[]): FaultsOptions {
  let profile: FaultsOptions['profile'] = 'full';
  const given: Partial<Record<keyof typeof PROFILES.full, number>> = {};
  let soak = false;
  let keep = false;
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    if (flag === '--soak' || flag === '--keep') {
      if (flag === '--soak') soak = true;
      else keep = true;
      continue;
    }
    if (flag !== '--profile' && !NUMERIC_FLAGS[flag]) throw new Error(`unknown argument "${argv[index]}"`);
    const raw = inline ?? argv[++index] ?? '';
    if (flag === '--profile') {
      if (raw !== 'full' && raw !== 'short') throw new Error(`--profile needs full or short, got "${raw}"`);
      profile = raw;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`${flag} needs a positive number, got "${raw}"`);
    given[NUMERIC_FLAGS[flag]] = value;
  }
  return { profile, soak, keep, ...PROFILES[profile], ...given };
}
