/** ISO-8601 duration such as PT4H or P7D (at least one component). */
export const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/**
 * An environment key: a stable, URL-safe name. A key shaped like a UUID would be ambiguous in
 * `/environments/{id or key}`, so the first character may not be followed by a UUID's layout.
 */
export const ENVIRONMENT_KEY = /^(?![0-9a-f]{8}-[0-9a-f]{4}-)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/i;
