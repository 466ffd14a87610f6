const SECRET_FIELDS = ['password', 'secret', 'token', 'apiKey'];

/** Secret-bearing fields, at the depths where request bodies, errors and DTOs put them. */
export const REDACTED_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]),
];

export const REDACTION_CENSOR = '[redacted]';
