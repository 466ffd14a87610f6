/** Is `name` a timezone this runtime's ICU knows (an IANA name such as Europe/Paris, or UTC)? */
export function isKnownTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
