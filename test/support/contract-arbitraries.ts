import fc from 'fast-check';
import { z } from 'zod';
import { methods, type MethodName } from '../../shared/api';

/**
 * Payloads for the API fuzz, derived from the contract itself: each method's parameter schema as JSON
 * Schema, turned into a fast-check arbitrary that mostly builds payloads the schema accepts (so the
 * handlers, the services and the database are reached), with hostile values slipped in at any leaf,
 * hostile keys added to objects, and now and then a hostile shape instead of the whole payload.
 */

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

const MiB = 1 << 20;
const huge = 'ä'.repeat(MiB / 2) + 'x'.repeat(MiB / 2);

/** Strings that have broken parsers, databases and renderers elsewhere. */
export const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'name\u0000with NUL',
  '\u0007\u001b[31mred\u001b[0m',
  '\uD800',
  'lone \uDFFF low surrogate',
  '\u202Eevil.exe\u202C',
  'zero\u200Bwidth\u200D\uFEFF',
  'שלום עולם',
  '𝕳𝖊𝖑𝖑𝖔 🙂👩‍👩‍👧',
  'e\u0301\u0301\u0301\u0301\u0301',
  '\r\n\t',
  huge,
  'x'.repeat(4097),
  '%00%ZZ%',
  '../../../../etc/passwd',
  '/dev/zero',
  "'; DROP TABLE interactions; --",
  '"unbalanced',
  'NEAR(a b) OR * AND -',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '__proto__',
  'constructor',
  'toString',
  '2026-13-01',
  '2026-02-30',
  '0000-00-00',
  '2026-1-1',
  '9999-12-31T23:59:59Z',
];

export const hostileNumbers = [
  0,
  -0,
  -1,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
];

function deep(levels: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}

/** Shapes no method expects: deep nesting, prototype keys, arrays for objects. */
export const hostileShapes: unknown[] = [
  null,
  [],
  [{}],
  deep(10_000, (inner) => [inner]),
  deep(10_000, (inner) => ({ a: inner })),
  JSON.parse('{"__proto__": {"polluted": true, "id": 1}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { toString: 'x', valueOf: 1, hasOwnProperty: 'no' },
  ...hostileStrings.slice(0, 6),
  ...hostileNumbers,
  true,
];

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileShapes) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Keys slipped into objects beside the expected ones. */
const hostileKeys = ['__proto__', 'constructor', 'prototype', '', '\u0000', 'x'.repeat(10_000), 'id '];

/** Text as people type it (mostly), and now and then any code points at all, controls included. */
const anyText = (maxLength: number) =>
  fc.oneof(
    { weight: 20, arbitrary: fc.string({ maxLength, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ maxLength, unit: 'binary' }) },
    {
      weight: 1,
      arbitrary: fc.string({
        maxLength,
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      }),
    },
  );

const isoDate = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(([y, m, d]) =>
        [String(y).padStart(4, '0'), String(m).padStart(2, '0'), String(d).padStart(2, '0')].join('-'),
      ),
  },
);

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (typeof schema.const === 'string') return fc.constant(schema.const);
  const max = Math.min(schema.maxLength ?? 60, 60);
  const min = Math.min(schema.minLength ?? 0, max);
  if (schema.format === 'base64') return fc.base64String({ maxLength: Math.min(schema.maxLength ?? 64, 64) });
  if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}T'))
    return fc
      .tuple(isoDate, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
      .map(([day, h, m]) => `${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return isoDate;
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern), { maxLength: max });
  return anyText(max).filter((text) => text.length >= min);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1e6);
  const high = Math.min(
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1e6),
    1e9,
  );
  if (!integer) return fc.double({ min: low, max: high, noNaN: true });
  // Ids and counts: small numbers find the rows the fixture created; bigger ones find nothing.
  const upTo = (top: number) => fc.integer({ min: low, max: Math.max(low, Math.min(high, top)) });
  return fc.oneof(
    { weight: 6, arbitrary: upTo(6) },
    { weight: 2, arbitrary: upTo(60) },
    { weight: 1, arbitrary: fc.integer({ min: low, max: high }) },
  );
}

/** Values `schema` should accept (its refinements aside: those are for the backend to say no to). */
function validArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(validArbitrary));
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? validArbitrary(schema.items) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
      if (schema.properties) {
        const required = new Set(schema.required ?? []);
        return fc.record(
          Object.fromEntries(
            Object.entries(schema.properties).map(([key, sub]) => [key, validArbitrary(sub)]),
          ),
          { requiredKeys: Object.keys(schema.properties).filter((key) => required.has(key)) },
        );
      }
      if (typeof schema.additionalProperties === 'object')
        return fc.dictionary(
          schema.propertyNames ? stringArbitrary(schema.propertyNames) : anyText(20),
          validArbitrary(schema.additionalProperties),
          { maxKeys: 4 },
        );
      return fc.constant({});
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Every place in a JSON value: the value itself, each array element and object property, recursively. */
function places(value: unknown, at: (string | number)[] = [], found: (string | number)[][] = []) {
  found.push(at);
  if (Array.isArray(value)) value.forEach((item, index) => places(item, [...at, index], found));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) places(item, [...at, key], found);
  return found;
}

/** A copy of `value` with one place replaced by `hostile`, or (for an object) given a hostile key as well. */
function mutate(value: unknown, at: (string | number)[], hostile: unknown, key: string | null): unknown {
  if (at.length === 0) {
    if (key === null || !value || typeof value !== 'object' || Array.isArray(value)) return hostile;
    const copy = { ...value };
    // defineProperty, so `__proto__` becomes an own key as JSON.parse makes it.
    Object.defineProperty(copy, key, {
      value: hostile,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return copy;
  }
  const [head, ...rest] = at;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = mutate(copy[head!], rest, hostile, key);
  return copy;
}

/** Valid values with one hostile change at a random place: a value replaced, or a key added. */
export function withOneHostileChange(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      valid,
      fc.nat(),
      hostileLeaf,
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom(...hostileKeys) },
      ),
    )
    .map(([value, pick, hostile, key]) => {
      const all = places(value);
      return mutate(value, all[pick % all.length]!, hostile, key);
    });
}

/** Payloads for one method: valid ones, valid ones with one hostile change, and wholly hostile ones. */
export function payloadArbitrary(method: MethodName, valid?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(methods[method].params as z.ZodType, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  const payloads = valid ?? validArbitrary(schema);
  return fc.oneof(
    { weight: 5, arbitrary: payloads },
    { weight: 4, arbitrary: withOneHostileChange(payloads) },
    { weight: 1, arbitrary: fc.constantFrom(...hostileShapes) },
  );
}
