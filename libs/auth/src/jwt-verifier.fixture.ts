/** The verifier settings the auth specs share: the issuer and audience the gateway expects. */
export const VERIFIER_DEFAULTS = {
  issuer: 'envrefresh',
  audience: 'envrefresh-api',
  usingDevelopmentSecret: false,
  maxLifetimeMs: 24 * 3_600_000,
  rolesClaim: 'roles',
  groupsClaim: 'groups',
} as const;
