import jwt from 'jsonwebtoken';
import { JwtConfig } from './jwt.config';

export interface AuthenticatedActor {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  groups: string[];
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Verifies a bearer token and returns the caller; anything doubtful is an InvalidTokenError. */
export class JwtVerifier {
  constructor(private readonly config: JwtConfig) {}

  verify(token: string): AuthenticatedActor {
    const key = this.config.key.algorithm === 'HS256' ? this.config.key.secret : this.config.key.publicKey;
    let claims: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, key, {
        algorithms: [this.config.key.algorithm],
        issuer: this.config.issuer,
        audience: this.config.audience,
      });
      if (typeof decoded === 'string') throw new InvalidTokenError('token payload is not a JSON object');
      claims = decoded;
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError((error as Error).message);
    }
    if (typeof claims.exp !== 'number') throw new InvalidTokenError('token has no exp claim');
    if (typeof claims.sub !== 'string' || claims.sub.length === 0)
      throw new InvalidTokenError('token has no sub claim');
    if (!isStringArray(claims.roles)) throw new InvalidTokenError('roles claim must be an array of strings');
    if (claims.groups !== undefined && !isStringArray(claims.groups))
      throw new InvalidTokenError('groups claim must be an array of strings');
    return {
      sub: claims.sub,
      name: typeof claims.name === 'string' ? claims.name : undefined,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      roles: claims.roles,
      groups: (claims.groups as string[] | undefined) ?? [],
    };
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
