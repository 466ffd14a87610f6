/** What a request body may be sent as, for the 415's detail and the OpenAPI description. */
export const ACCEPTED_BODY_TYPES = 'application/json or application/*+json, in UTF-8';

// RFC 6838 restricted-name characters.
const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9][a-z0-9!#$&^_.+-]*\+)?json$/;

/**
 * Whether a Content-Type header names JSON in UTF-8: `application/json` or a structured
 * `application/*+json` (e.g. `application/merge-patch+json`), with no charset or `utf-8`. JSON is
 * UTF-8 (RFC 8259), and a body the gateway would decode otherwise is not the one the client meant.
 */
export function isJsonInUtf8(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType, ...parameters] = contentType.split(';');
  if (!JSON_MEDIA_TYPE.test(mediaType.trim().toLowerCase())) return false;
  return parameters.every((parameter) => {
    const [name, ...rest] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    const charset = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    return charset === 'utf-8' || charset === 'utf8';
  });
}
