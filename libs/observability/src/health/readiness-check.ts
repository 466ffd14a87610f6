/** One dependency an app needs before it can take traffic: its database, the broker, a service. */
export interface ReadinessCheck {
  /** Key of this check in the /health/ready body, e.g. 'database'. */
  readonly name: string;
  /** Resolves when the dependency answers; throws, with the reason, when it does not. */
  check(): Promise<void>;
}

export interface ReadinessOptions {
  /** Modules whose providers `inject` names (e.g. the app's persistence module). */
  imports?: any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  inject?: any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  useFactory: (...deps: any[]) => ReadinessCheck[] | Promise<ReadinessCheck[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** How long each check may take before it counts as failed; 3000 ms unless set. */
  timeoutMs?: number;
}

export const DEFAULT_READINESS_TIMEOUT_MS = 3000;
