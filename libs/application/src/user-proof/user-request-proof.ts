/**
 * A user's request as a service received it, with the assertion that proves it (ADR 0017). A
 * service that asks another on that user's behalf (the approval gate) passes it on unchanged, so
 * the other service checks the user itself instead of believing the first service's word.
 */
export interface UserRequestProof {
  assertion: string;
  /** The request without its assertion and correlation id: what the assertion's digest covers. */
  request: Record<string, unknown>;
}

/** Only called on a request the UserProofGuard has already let through. */
export function userRequestProofOf(request: object): UserRequestProof {
  const { assertion, correlationId: _correlationId, ...rest } = request as Record<string, unknown>;
  return { assertion: assertion as string, request: rest };
}
