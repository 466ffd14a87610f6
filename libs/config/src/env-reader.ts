import { fixedDurationMs } from '@envrefresh/kernel';
import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/**
 * Reads variables one by one and collects every problem, so a misconfigured app reports all of
 * them at once instead of one per restart.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.raw(name);
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is missing`);
    return '';
  }

  /**
   * An ISO-8601 duration of weeks, days, hours, minutes and seconds, in milliseconds. `from` names
   * variables read first (e.g. `CONFLICTS_DATABASE_STATEMENT_TIMEOUT` before `DATABASE_STATEMENT_TIMEOUT`).
   */
  durationMs(
    name: string,
    fallback: string,
    bounds: { minMs?: number; maxMs?: number; from?: string[] } = {},
  ): number {
    const source =
      [...(bounds.from ?? []), name].find((candidate) => this.raw(candidate) !== undefined) ?? name;
    const text = this.raw(source) ?? fallback;
    const ms = fixedDurationMs(text);
    if (ms === undefined) {
      this.problems.push(
        `${source} must be an ISO-8601 duration in weeks, days, hours, minutes or seconds (e.g. ${fallback}), not ${JSON.stringify(text)}`,
      );
      return fixedDurationMs(fallback) as number;
    }
    if (
      (bounds.minMs !== undefined && ms < bounds.minMs) ||
      (bounds.maxMs !== undefined && ms > bounds.maxMs)
    ) {
      this.problems.push(`${source} is out of range (${text})`);
    }
    return ms;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  url(
    name: string,
    protocols: string[],
    options: { fallback?: string; example?: string; from?: string[] } = {},
  ): string {
    const source = [...(options.from ?? []), name].find((candidate) => this.raw(candidate) !== undefined);
    const value = source ? this.raw(source) : options.fallback;
    const hint = options.example ? ` (e.g. ${options.example})` : '';
    if (value === undefined) {
      this.problems.push(`${name} is missing: set it to a URL using ${protocols.join(' or ')}${hint}`);
      return '';
    }
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      this.problems.push(`${source ?? name} is not a valid URL: expected ${protocols.join(' or ')}${hint}`);
      return '';
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      this.problems.push(
        `${source ?? name} must use ${protocols.join(' or ')}, not ${parsed.protocol.replace(/:$/, '')}${hint}`,
      );
    }
    return value;
  }

  int(name: string, fallback: number, bounds: { min?: number; max?: number } = {}): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = bounds;
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be a whole number between ${min} and ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!['true', 'false', '1', '0'].includes(value)) {
      this.problems.push(`${name} must be true or false, got "${value}"`);
      return fallback;
    }
    return value === 'true' || value === '1';
  }

  /** Lets a caller add a rule that spans several variables. */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws one ConfigError naming every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError([...this.problems]);
  }

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }
}
