export * from './address-class';
export * from './address-guard';
export * from './allowed-hosts';
export * from './guarded-connector';
export * from './outbound-client';
export * from './outbound-error';
export * from './outbound.config';
export * from './refused-ranges';
