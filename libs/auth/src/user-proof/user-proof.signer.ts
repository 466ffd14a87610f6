import { randomUUID } from 'node:crypto';
import { signEd25519Jws } from './compact-jws';
import { UserProofSigningConfig } from './user-proof.keys';
import {
  ProofBinding,
  ProvenUser,
  USER_PROOF_ISSUER,
  USER_PROOF_LIFETIME_SECONDS,
  USER_PROOF_TYPE,
  requestDigest,
} from './user-proof';

/** The gateway's side: one assertion per RPC call, for the user it verified. */
export class UserProofSigner {
  constructor(private readonly config: UserProofSigningConfig) {}

  sign(user: ProvenUser, binding: ProofBinding, now = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const claims = {
      ...(user.name === undefined ? {} : { name: user.name }),
      ...(user.email === undefined ? {} : { email: user.email }),
      roles: user.roles,
      groups: user.groups,
      rpc: binding.pattern,
      dig: requestDigest(binding.request),
      iss: USER_PROOF_ISSUER,
      aud: binding.audience,
      sub: user.sub,
      iat: issuedAt,
      exp: issuedAt + USER_PROOF_LIFETIME_SECONDS,
      jti: randomUUID(),
    };
    const header = { kid: this.config.keyId, typ: USER_PROOF_TYPE };
    return Promise.resolve(signEd25519Jws(header, claims, this.config.privateKey));
  }
}
