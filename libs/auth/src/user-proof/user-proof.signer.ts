import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { UserProofSigningConfig } from './user-proof.keys';
import {
  ProofBinding,
  ProvenUser,
  USER_PROOF_ALGORITHM,
  USER_PROOF_ISSUER,
  USER_PROOF_LIFETIME_SECONDS,
  requestDigest,
} from './user-proof';

/** The gateway's side: one assertion per RPC call, for the user it verified. */
export class UserProofSigner {
  constructor(private readonly config: UserProofSigningConfig) {}

  sign(user: ProvenUser, binding: ProofBinding, now = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      ...(user.name === undefined ? {} : { name: user.name }),
      ...(user.email === undefined ? {} : { email: user.email }),
      roles: user.roles,
      groups: user.groups,
      rpc: binding.pattern,
      dig: requestDigest(binding.request),
    })
      .setProtectedHeader({ alg: USER_PROOF_ALGORITHM, kid: this.config.keyId, typ: 'envrefresh-user+jwt' })
      .setIssuer(USER_PROOF_ISSUER)
      .setAudience(binding.audience)
      .setSubject(user.sub)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + USER_PROOF_LIFETIME_SECONDS)
      .setJti(randomUUID())
      .sign(this.config.privateKey);
  }
}
