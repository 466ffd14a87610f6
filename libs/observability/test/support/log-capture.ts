import type { DestinationStream } from 'pino';

/** A pino destination that keeps every line, for specs to read back what an app logged. */
export class LogCapture implements DestinationStream {
  private readonly raw: string[] = [];

  write(chunk: string): void {
    this.raw.push(...chunk.split('\n').filter((line) => line.length > 0));
  }

  /** Every line parsed; throws if any line is not JSON, which the apps promise. */
  lines(): Record<string, unknown>[] {
    return this.raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  text(): string {
    return this.raw.join('\n');
  }
}
