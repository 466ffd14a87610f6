export * from './user-proof';
export * from './user-proof.keys';
export * from './user-proof.signer';
export * from './user-proof.verifier';
