export * from './due-row-job';
export * from './due-row-metrics';
export * from './due-row-worker';
export * from './leased-table';
