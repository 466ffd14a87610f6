import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { TEST_JWT_SECRET } from '@envrefresh/testing';

/** What a field must be; every kind has values that are certainly not that. */
export type FieldKind =
  | { type: 'string' }
  | { type: 'uuid' }
  | { type: 'instant' }
  | { type: 'https-url' }
  | { type: 'pattern' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'integer' }
  | { type: 'number' }
  | { type: 'boolean' }
  | { type: 'string-array' }
  | { type: 'object' };

export interface BodyShape {
  /** A body the route would accept. */
  valid: Record<string, unknown>;
  fields: Record<string, FieldKind>;
  required: string[];
}

export interface MalformedBody {
  flaw: string;
  /** The member the flaw is in, which a 400 must name (absent: the body as a whole is wrong). */
  field?: string;
  rawBody: string | Uint8Array;
  contentType: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Over the gateway's default 64 KiB body cap. */
const HUGE = 70_000;

const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const smallJson = fc.jsonValue({ maxDepth: 3 });
const anyObject = fc.dictionary(fc.string({ maxLength: 8 }), smallJson, { maxKeys: 4 });
const anyArray = fc.array(smallJson, { maxLength: 4 });

/**
 * Values a field of `kind` must refuse. `null` only for required fields: for an optional one the
 * gateway refuses it too, but that is its choice rather than the SPEC's.
 */
export function wrongValue(kind: FieldKind, required: boolean): fc.Arbitrary<unknown> {
  const notString = fc.oneof(fc.integer(), finiteDouble, fc.boolean(), anyArray, anyObject);
  const nullIfRequired = required ? [fc.constant(null)] : [];
  switch (kind.type) {
    case 'string':
      return fc.oneof(notString, ...nullIfRequired);
    case 'uuid':
      return fc.oneof(
        notString,
        fc.string({ maxLength: 40 }).filter((value) => !UUID.test(value)),
        ...nullIfRequired,
      );
    case 'instant':
      return fc.oneof(
        notString,
        fc.string({ maxLength: 30 }).filter((value) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)),
        fc.constant('2031-01-06T10:00:00'),
        fc.constant('2031-13-45T10:00:00Z'),
        ...nullIfRequired,
      );
    case 'https-url':
      return fc.oneof(
        notString,
        fc.string().filter((value) => !value.startsWith('https://')),
        ...nullIfRequired,
      );
    case 'pattern':
      return fc.oneof(
        notString,
        fc.string({ maxLength: 20 }).map((value) => ` ${value}`),
        ...nullIfRequired,
      );
    case 'enum':
      return fc.oneof(
        notString,
        fc.string({ maxLength: 20 }).filter((value) => !kind.values.includes(value)),
        fc.constantFrom(...kind.values).map((value) => value.toLowerCase()),
        ...nullIfRequired,
      );
    case 'integer':
      return fc.oneof(
        fc.string(),
        fc.integer().map(String),
        fc.boolean(),
        finiteDouble.filter((value) => !Number.isInteger(value)),
        anyArray,
        anyObject,
        ...nullIfRequired,
      );
    case 'number':
      return fc.oneof(fc.string(), fc.boolean(), anyArray, anyObject, ...nullIfRequired);
    case 'boolean':
      return fc.oneof(
        fc.constantFrom('true', 'false', 1, 0),
        fc.string(),
        fc.integer(),
        anyArray,
        anyObject,
        ...nullIfRequired,
      );
    case 'string-array':
      return fc.oneof(
        fc.string(),
        fc.integer(),
        fc.boolean(),
        anyObject,
        fc.array(fc.oneof(fc.integer(), fc.boolean(), anyObject), { minLength: 1, maxLength: 3 }),
        ...nullIfRequired,
      );
    case 'object':
      return fc.oneof(fc.string(), fc.integer(), fc.boolean(), ...nullIfRequired);
  }
}

/** Keys no route accepts, the prototype-pollution classics first. */
export function unknownKey(known: string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'valueOf',
        'hasOwnProperty',
        '__defineGetter__',
        'isAdmin',
        'id',
        'status',
        'createdAt',
        'requestedBy',
        '',
      ),
      fc.string({ maxLength: 20 }),
    )
    .filter((key) => !known.includes(key));
}

/** JSON text with `key` as an own member even when it is `__proto__`, which an object literal would swallow. */
function withMember(body: Record<string, unknown>, key: string, value: unknown): string {
  const rest = JSON.stringify(body).slice(1, -1);
  return `{${JSON.stringify(key)}:${JSON.stringify(value)}${rest ? `,${rest}` : ''}}`;
}

function without(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...body };
  delete copy[field];
  return copy;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const json = 'application/json';

/** Strings no text field may hold: a NUL, or lone surrogates (as JSON escapes, the only way to send them). */
const brokenText = fc.oneof(
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([left, right]) => ({
    flaw: 'a NUL',
    json: JSON.stringify(`${left}\u0000${right}`),
  })),
  fc
    .tuple(
      fc.string({ maxLength: 10 }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.constantFrom('', 'x', '\\u0041'),
    )
    .map(([left, surrogate, after]) => ({
      flaw: `a lone surrogate U+${surrogate.toString(16).toUpperCase()}`,
      json: `${JSON.stringify(left).slice(0, -1)}\\u${surrogate.toString(16)}${after}"`,
    })),
);

/** Byte sequences that are not UTF-8: a lone continuation byte, an overlong form, an encoded surrogate, a cut sequence, FF. */
const notUtf8 = fc.constantFrom(
  [0x80],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xe2, 0x82],
  [0xff],
  [0xfe, 0xff],
);

/** Arrays or objects nested `depth` deep, deeper than any body of the API needs. */
const deepJson = fc.tuple(fc.integer({ min: 9, max: 3_000 }), fc.boolean()).map(([depth, arrays]) => ({
  depth,
  json: arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
}));

/** `body` as JSON text with `json` as the value of `field`. */
function withJsonValue(body: Record<string, unknown>, field: string, json: string): string {
  return JSON.stringify({ ...body, [field]: '\u0001@@' }).replace('"\\u0001@@"', () => json);
}

/** Bodies that must be refused whatever else is right about the request. */
export function malformedBody(shape: BodyShape): fc.Arbitrary<MalformedBody> {
  const known = Object.keys(shape.fields);
  const stringFields = known.filter(
    (field) => !['integer', 'number', 'boolean', 'object'].includes(shape.fields[field].type),
  );
  const variants: fc.Arbitrary<MalformedBody>[] = [
    fc.tuple(unknownKey(known), smallJson).map(([key, value]) => ({
      flaw: `unknown member ${JSON.stringify(key)}`,
      field: key,
      rawBody: withMember(shape.valid, key, value),
      contentType: json,
    })),
    fc.constant({
      flaw: 'constructor.prototype pollution',
      field: 'constructor',
      rawBody: withMember(shape.valid, 'constructor', { prototype: { isAdmin: true } }),
      contentType: json,
    }),
    fc.constantFrom(...known).chain((field) =>
      wrongValue(shape.fields[field], shape.required.includes(field)).map((value) => ({
        flaw: `${field} = ${JSON.stringify(value)?.slice(0, 60)}`,
        field,
        rawBody: JSON.stringify({ ...shape.valid, [field]: value }),
        contentType: json,
      })),
    ),
    fc
      .jsonValue({ maxDepth: 3 })
      .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
      .map((value) => ({ flaw: 'not an object', rawBody: JSON.stringify(value), contentType: json })),
    fc
      .string({ maxLength: 60 })
      .filter((text) => !parsesAsJson(text))
      .map((text) => ({ flaw: 'not JSON', rawBody: text, contentType: json })),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/json; charset=iso-8859-1',
        'application/json; charset=utf-16',
        'application/jsonp',
      )
      .map((contentType) => ({
        flaw: `sent as ${contentType}`,
        rawBody: JSON.stringify(shape.valid),
        contentType,
      })),
    // The finding: a well-formed form body, every field right, on a JSON route.
    fc.constant({
      flaw: 'the valid body form-encoded',
      rawBody: new URLSearchParams(
        Object.entries(shape.valid).map(([key, value]): [string, string] => [
          key,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      ).toString(),
      contentType: 'application/x-www-form-urlencoded',
    }),
    fc.tuple(fc.constantFrom(...known), deepJson).map(([field, deep]) => ({
      flaw: `${field} nested ${deep.depth} deep`,
      field,
      rawBody: withJsonValue(shape.valid, field, deep.json),
      contentType: json,
    })),
    deepJson.map((deep) => ({
      flaw: `the body nested ${deep.depth} deep`,
      rawBody: deep.json,
      contentType: json,
    })),
  ];
  if (shape.required.length > 0) {
    variants.push(
      fc.constantFrom(...shape.required).map((field) => ({
        flaw: `without ${field}`,
        field,
        rawBody: JSON.stringify(without(shape.valid, field)),
        contentType: json,
      })),
    );
  }
  if (stringFields.length > 0) {
    variants.push(
      fc.tuple(fc.constantFrom(...stringFields), brokenText).map(([field, text]) => ({
        flaw: `${field} with ${text.flaw}`,
        field,
        rawBody: withJsonValue(
          shape.valid,
          field,
          shape.fields[field].type === 'string-array' ? `[${text.json}]` : text.json,
        ),
        contentType: json,
      })),
      fc.tuple(fc.constantFrom(...stringFields), notUtf8).map(([field, bytes]) => {
        const [before, after] = withJsonValue(shape.valid, field, '"@@"').split('@@');
        return {
          flaw: `${field} with the bytes ${bytes.map((byte) => byte.toString(16)).join(' ')}, not UTF-8`,
          field,
          rawBody: Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]),
          contentType: json,
        };
      }),
      fc.tuple(unknownKey(known), brokenText).map(([, text]) => ({
        flaw: `a member named with ${text.flaw}`,
        rawBody: `{${text.json}:1,${JSON.stringify(shape.valid).slice(1)}`,
        contentType: json,
      })),
    );
    variants.push(
      fc.constantFrom(...stringFields).map((field) => ({
        flaw: `${field} of ${HUGE} characters`,
        rawBody: JSON.stringify({ ...shape.valid, [field]: 'x'.repeat(HUGE) }),
        contentType: json,
      })),
    );
  }
  return fc.oneof(...variants);
}

const printable = fc.stringMatching(/^[\x20-\x7e]{0,80}$/);

/** If-Match values that name no version. */
export const garbageIfMatch = printable.filter((value) => !/^\s*(?:"\d{1,9}"|\d{1,9})\s*$/.test(value));

/** Idempotency-Key values no client should send: empty, with spaces, or too long. */
export const garbageIdempotencyKey = fc.oneof(
  fc.constant(''),
  fc.tuple(printable, printable).map(([left, right]) => `${left.trim() || 'k'} ${right.trim() || 'k'}`),
  fc.integer({ min: 256, max: 600 }).map((length) => 'k'.repeat(length)),
);

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;
const claims = () => ({
  sub: 'mallory',
  roles: ['admin'],
  groups: [],
  iss: 'envrefresh',
  aud: 'envrefresh-api',
  exp: inAMinute(),
});

/** Authorization headers that must be 401: garbage, forgeries, and near-misses of a valid token. */
export const garbageAuthorization = fc.oneof(
  printable,
  printable.map((value) => `Bearer ${value}`),
  fc.constantFrom('Bearer', 'Bearer ', 'bearer', 'Basic YWRtaW46YWRtaW4='),
  fc.constant(null).map(() => `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`),
  fc
    .constant(null)
    .map(
      () => `Bearer ${jwt.sign(claims(), 'another-secret-that-is-long-enough-too!', { algorithm: 'HS256' })}`,
    ),
  fc.constant(null).map(() => `Bearer ${jwt.sign({ ...claims(), exp: inAMinute() - 120 }, TEST_JWT_SECRET)}`),
  fc.constant(null).map(() => `Bearer ${jwt.sign({ ...claims(), iss: 'someone-else' }, TEST_JWT_SECRET)}`),
  fc.constant(null).map(() => `Bearer ${jwt.sign({ ...claims(), aud: 'another-api' }, TEST_JWT_SECRET)}`),
  fc.nat({ max: 40 }).map((position) => {
    const [header, payload, signature] = jwt.sign(claims(), TEST_JWT_SECRET).split('.');
    const flipped = signature[position] === 'A' ? 'B' : 'A';
    return `Bearer ${header}.${payload}.${signature.slice(0, position)}${flipped}${signature.slice(position + 1)}`;
  }),
);
