import { LoadWorld } from './load-world';
import { FLOW_MIX } from './flows';

const TICK_MS = 50;

/**
 * Starts flows of the mix at a steady rate (flows per second), at most `maxInFlight` at once: a
 * flow that finds the suite full is shed and counted, not queued, so a fault shows as errors and
 * shed flows, never as a client that falls behind and floods the suite when it comes back.
 */
export class LoadDriver {
  private timer?: NodeJS.Timeout;
  private credit = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private flowErrors = 0;
  shed = 0;
  started = 0;
  rate = 0;

  constructor(
    private readonly world: LoadWorld,
    private readonly maxInFlight: number,
    private readonly onFlowError: (error: Error) => void,
  ) {}

  /** Starts or changes the rate; 0 stops starting flows. */
  setRate(flowsPerSecond: number): void {
    this.rate = flowsPerSecond;
    if (this.timer || flowsPerSecond <= 0) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops starting flows and waits for the ones running to end. */
  async pause(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.credit = 0;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get errors(): number {
    return this.flowErrors;
  }

  private tick(): void {
    this.credit += (this.rate * TICK_MS) / 1000;
    while (this.credit >= 1) {
      this.credit -= 1;
      if (this.inFlight.size >= this.maxInFlight) {
        this.shed += 1;
        continue;
      }
      this.launch();
    }
  }

  private launch(): void {
    const total = FLOW_MIX.reduce((sum, flow) => sum + flow.weight, 0);
    let draw = Math.random() * total;
    const flow = FLOW_MIX.find((candidate) => (draw -= candidate.weight) < 0) ?? FLOW_MIX[0];
    this.started += 1;
    const running = flow
      .run(this.world)
      .catch((error: Error) => {
        this.flowErrors += 1;
        this.onFlowError(error);
      })
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }
}
