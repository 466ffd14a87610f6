/** SQLSTATE 23505: a unique or primary-key constraint refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return (candidate.code ?? candidate.driverError?.code) === '23505';
}
