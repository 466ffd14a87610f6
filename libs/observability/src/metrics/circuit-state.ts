/** How every circuit-breaker gauge encodes its state, so one alert rule (`== 2`) reads them all. */
export const CIRCUIT_STATE_VALUE = { closed: 0, halfOpen: 1, open: 2 } as const;
