import fc from 'fast-check';

/**
 * fast-check arbitraries for fuzzing the api from its own OpenAPI document: the write routes
 * with their request bodies (built from the DTOs' swagger decorators), path parameters and
 * query strings, mostly valid and mutated in hostile ways. Bodies are produced as raw JSON
 * text, so `__proto__` really is a key, lone surrogates really are lone, and duplicate keys
 * or non-JSON literals reach the parser as written.
 */

/** `arbitrary`'s value `present` times in `present + absent`, else undefined. */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, present: number, absent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: present, arbitrary }, { weight: absent, arbitrary: fc.constant(undefined) });
}

// ---------------------------------------------------------------- OpenAPI

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  description?: string;
}

interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export type Method = 'post' | 'put' | 'patch' | 'delete';
export type Role = 'coordinator' | 'juror' | 'applicant' | 'admin';

/** Who may call a route: read from the document (security, and the 403 "Needs one of: …" of `@Auth(...roles)`). */
export type Access = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

export interface WriteRoute {
  method: Method;
  /** OpenAPI path, e.g. /api/calls/{id}/themes. */
  path: string;
  /** The request body's schema with every $ref resolved; undefined when the route takes none. */
  schema?: Schema;
  multipart: boolean;
  access: Access;
}

export interface ListRoute {
  path: string;
  query: Array<{ name: string; schema: Schema }>;
  access: Access;
}

/** Resolves $ref and single-element allOf, deeply (the DTOs are not recursive; a cycle is cut). */
export function resolveSchema(schema: Schema, document: OpenApiDocument, seen: string[] = []): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return { type: 'object' };
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    const { $ref: _ref, ...rest } = schema;
    return resolveSchema({ ...target, ...rest }, document, [...seen, name]);
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    const inner = resolveSchema(allOf[0], document, seen);
    return { ...inner, ...rest, type: inner.type ?? rest.type };
  }
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, resolveSchema(value, document, seen)]),
    );
  }
  if (schema.items) out.items = resolveSchema(schema.items, document, seen);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    out.additionalProperties = resolveSchema(schema.additionalProperties, document, seen);
  }
  if (schema.oneOf) out.oneOf = schema.oneOf.map((s) => resolveSchema(s, document, seen));
  return out;
}

function accessOf(operation: Operation): Access {
  const needs = /Needs one of: (.+)$/.exec(operation.responses?.['403']?.description ?? '');
  if (needs) return { kind: 'roles', roles: needs[1].split(',').map((r) => r.trim() as Role) };
  return operation.security?.length ? { kind: 'signed-in' } : { kind: 'public' };
}

/** Every POST/PUT/PATCH/DELETE of the document. */
export function writeRoutes(document: OpenApiDocument): WriteRoute[] {
  const routes: WriteRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = operation.requestBody?.content ?? {};
      const multipart = 'multipart/form-data' in content;
      const json = content['application/json']?.schema;
      routes.push({
        method: method as Method,
        path,
        schema: json ? resolveSchema(json, document) : undefined,
        multipart,
        access: accessOf(operation),
      });
    }
  }
  return routes;
}

/** Every GET of the document that takes a query string. */
export function listRoutes(document: OpenApiDocument): ListRoute[] {
  const routes: ListRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    const operation = operations.get;
    const query = (operation?.parameters ?? []).filter((p) => p.in === 'query');
    if (!operation || query.length === 0) continue;
    routes.push({
      path,
      query: query.map((p) => ({ name: p.name, schema: resolveSchema(p.schema ?? { type: 'string' }, document) })),
      access: accessOf(operation),
    });
  }
  return routes;
}

// ---------------------------------------------------------------- values

/** Real values of the fixture, so that mostly-valid requests get past the DTO into the services. */
export interface FuzzPools {
  /** Ids by kind: call, theme, criterion, question, application, round, juryMember, assignment, user, membership, organisation, extension, publication, attachment. */
  ids: Record<string, string[]>;
  emails: string[];
  passwords: string[];
  ksh: string[];
  organisationCodes: string[];
  awardLevels: string[];
  /** ISO instants and Budapest wall times around the fixture's clock. */
  instants: string[];
  /** Instants by field name that make sense for it (e.g. submissionClosesAt after submissionOpensAt). */
  instantsByField: Record<string, string[]>;
  /** By id: the ids of other kinds that go with it (a call's themes, an assignment's criteria, `ksh`…). */
  related: Record<string, Record<string, string[]>>;
}

/** Stands in the JSON text for "the current version of the entity the path names"; the sender replaces it. */
export const CURRENT_VERSION = '__CURRENT_VERSION__';

const LONG = 100_000;

/** Strings a DTO may well accept, each a classic way to break storage, rendering or search. */
export const EDGE_STRINGS: readonly string[] = [
  'Árvíztűrő tükörfúrógép ŐŰ őű',
  'o\u030b u\u030b e\u0301\u0301\u0301\u0301', // combining marks (ő, ű decomposed, stacked accents)
  '\u202eRTL override\u202c \u200fמימין לשמאל\u200e',
  'a\u0000b', // NUL
  '\u0000',
  '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66 🏛️🇭🇺',
  '\ufeffBOM first',
  'line\u2028sep\u2029para\r\n\t\v\f',
  '\uffff\ufffe noncharacters',
  '  padded  ',
  '',
  ' ',
  'Ｆｕｌｌｗｉｄｔｈ １２３４５',
  'x'.repeat(300),
  "' OR '1'='1' --",
  "'; DROP TABLE application; --",
  '" OR ""="',
  '\\',
  '%_%',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '=HYPERLINK("http://evil.test")',
  "+cmd|' /C calc'!A0",
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'http://169.254.169.254/latest/meta-data/',
  'null',
  'undefined',
  'NaN',
  '__proto__',
];

/** JSON texts of strings that are no well-formed Unicode (lone surrogates) or hold NUL, escaped as a client would. */
const RAW_STRINGS: readonly string[] = [
  '"\\ud800"', // lone high surrogate
  '"\\udfff"', // lone low surrogate
  '"\\udc00\\ud800"', // reversed pair
  '"a\\ud800b"',
  '"\\u0000\\u0000"',
  '"\\u202e\\u0000\\ud800"',
  '"\\\\u0000"',
];

/** Ways a value can be of the wrong kind, or an extreme of the right one (JSON text). */
export const HOSTILE_VALUES: readonly string[] = [
  'null',
  'true',
  'false',
  '0',
  '-1',
  '-0',
  '1.5',
  '0.1',
  '1e308',
  '-1e308',
  '1e309', // parses to Infinity
  '-1e309',
  '1e-400', // parses to 0
  '1e-7', // no "." in its toString(): class-validator's maxDecimalPlaces read the decimals from it
  '5e-324',
  '9007199254740993',
  '2147483648',
  '-2147483649',
  '123456789012345678901234567890',
  '"NaN"',
  '"Infinity"',
  '"-0"',
  '"1e308"',
  '"42"',
  '"true"',
  '""',
  '[]',
  '[null]',
  '[[[]]]',
  '{}',
  '{"$gt":""}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '"00000000-0000-0000-0000-000000000000"',
  '"ffffffff-ffff-ffff-ffff-ffffffffffff"',
  '"2026-02-30"',
  '"2026-03-29T02:30"', // a Budapest wall time that does not exist
  '"2026-10-25T02:30"', // one that occurs twice
  '"0000-01-01T00:00:00Z"',
  '"+275760-09-13T00:00:00Z"',
  '"-271821-04-20T00:00:00Z"',
  '"9999-12-31T23:59:59.999+14:00"',
  '"2026-13-01T00:00"',
  '"2026-03-31T23:59:60"',
  '"1970-01-01T00:00:00Z"',
  '"yesterday"',
  ...RAW_STRINGS,
  ...EDGE_STRINGS.map((s) => JSON.stringify(s)),
];

/** Huge values (JSON text), built once: arbitraries are rebuilt for every path, these strings are not. */
let huge: string[] | undefined;
function hugeValues(): string[] {
  huge ??= [
    JSON.stringify('x'.repeat(LONG)),
    JSON.stringify('ő'.repeat(LONG / 2)),
    JSON.stringify('\u0301'.repeat(LONG / 4)),
    JSON.stringify('🇭🇺'.repeat(LONG / 8)),
    `[${Array.from({ length: LONG / 2 }, () => '1').join(',')}]`,
    `[${Array.from({ length: 10_000 }, () => '"00000000-0000-4000-8000-000000000000"').join(',')}]`,
    `[${Array.from({ length: 5_000 }, () => '{}').join(',')}]`,
    `${'['.repeat(3000)}${']'.repeat(3000)}`,
    `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  ];
  return huge;
}

let hostile: fc.Arbitrary<string> | undefined;
/** A hostile value (JSON text): wrong kinds, extremes, Unicode and injection strings, huge values. */
export function hostileValue(): fc.Arbitrary<string> {
  // huge values are few (each costs the api and the client much more than the rest)
  hostile ??= fc.oneof(
    { weight: 24, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
    { weight: 3, arbitrary: fc.constant('null') }, // where a DTO says optional, null often gets through
    { weight: 1, arbitrary: fc.constantFrom(...hugeValues()) },
    { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)) },
    { weight: 2, arbitrary: fc.double().map((d) => (Number.isFinite(d) ? String(d) : JSON.stringify(String(d)))) },
    { weight: 2, arbitrary: fc.integer().map(String) },
  );
  return hostile;
}

/** Keys no DTO has: prototype pollution attempts, privileges, and odd names. */
export const UNKNOWN_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'isAdmin',
  'roles',
  'role',
  'id',
  'userId',
  'createdBy',
  'status',
  'version ',
  '',
  ' ',
  'a.b',
  '$where',
  '\u0000',
  'ő',
  'hasOwnProperty',
  'toString',
];

// ---------------------------------------------------------------- bodies

/**
 * How values are made: `clean` ones are valid for their DTO (text full of Unicode and
 * injection strings, but within its limits), so a body reaches the service and the
 * database; `edgy` ones are often just outside (empty, one character too long, odd kinds).
 */
type Mode = 'clean' | 'edgy';

/** Strings of EDGE_STRINGS that no DTO refuses for what they are (no NUL, not blank). */
const CLEAN_EDGE_STRINGS = EDGE_STRINGS.filter((s) => s.trim() !== '' && !s.includes('\u0000'));

/** What values are made from: the fixture, the mode, and the ids that belong to those in the path. */
interface Ctx {
  pools: FuzzPools;
  mode: Mode;
  /** Ids by kind related to the ids in the path (the themes of the call in the path…). */
  scope: Record<string, string[]>;
}

/** A JSON text for a value of `schema`, using the fixture's values where the name tells what it is. */
function valueFor(schema: Schema, name: string, ctx: Ctx, depth: number): fc.Arbitrary<string> {
  const base = valueNotNull(schema, name, ctx, depth);
  return schema.nullable
    ? fc.oneof({ weight: 6, arbitrary: base }, { weight: 1, arbitrary: fc.constant('null') })
    : base;
}

function idKind(name: string): string | undefined {
  if (/^themeIds?$/.test(name)) return 'theme';
  if (/^(applicationIds?|committeeOrder)$/.test(name)) return 'application';
  if (/^juryMemberIds?$/.test(name)) return 'juryMember';
  if (name === 'userId') return 'user';
  if (/organisationId$/i.test(name)) return 'organisation';
  if (name === 'criterionId') return 'criterion';
  return undefined;
}

function idValue(kind: string | undefined, ctx: Ctx): fc.Arbitrary<string> {
  const own = kind ? (ctx.pools.ids[kind] ?? []) : [];
  const related = kind ? (ctx.scope[kind] ?? []) : [];
  const all = Object.values(ctx.pools.ids).flat();
  const pick = (list: string[]) => (list.length ? fc.constantFrom(...list) : fc.uuid());
  const edgy = ctx.mode === 'edgy' ? 1 : 0;
  return fc
    .oneof(
      { weight: related.length ? 16 : 0, arbitrary: pick(related) },
      { weight: own.length ? 4 : 0, arbitrary: pick(own) },
      { weight: own.length ? 2 * edgy : 1, arbitrary: pick(all) },
      { weight: edgy, arbitrary: fc.uuid() },
      { weight: edgy, arbitrary: pick(own.length ? own : all).map((id) => id.toUpperCase()) },
    )
    .map((id) => JSON.stringify(id));
}

function textValue(schema: Schema, mode: Mode): fc.Arbitrary<string> {
  const max = schema.maxLength ?? 2000;
  const min = schema.minLength ?? 0;
  const words = fc.constantFrom('Közösségi kert', 'Falugondnoki hálózat', 'Teszt Elek', 'jegyző');
  if (mode === 'clean') {
    const fit = (s: string) => (s.length > max ? s.slice(0, max).trim() || 'x' : s.padEnd(min, 'x'));
    return fc
      .oneof(
        { weight: 3, arbitrary: words },
        { weight: 4, arbitrary: fc.constantFrom(...CLEAN_EDGE_STRINGS) },
        {
          weight: 1,
          arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
        },
        { weight: 1, arbitrary: fc.constantFrom('ő'.repeat(max), 'x'.repeat(max)) },
      )
      .map((s) => JSON.stringify(fit(s)));
  }
  // longer than allowed only by the one character of the boundary case
  const fit = (s: string) => (s.length > max + 1 ? s.slice(0, max) : s.length < min ? s.padEnd(min, 'x') : s);
  return fc
    .oneof(
      { weight: 3, arbitrary: words },
      { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(max + 1), 'ő'.repeat(max + 1), ' '.repeat(max)) },
    )
    .map((s) => JSON.stringify(fit(s)));
}

function numberValue(schema: Schema, name: string, mode: Mode): fc.Arbitrary<string> {
  const min = schema.minimum ?? (mode === 'clean' ? 0 : -10);
  const max = name === 'points' && mode === 'clean' ? 5 : (schema.maximum ?? 100);
  const halves = fc.integer({ min: Math.ceil(min * 2), max: Math.floor(max * 2) }).map((n) => String(n / 2));
  if (mode === 'clean') return name === 'points' ? halves : fc.oneof(halves, fc.constantFrom(String(min), String(max)));
  return fc.oneof(
    halves,
    fc.integer({ min: Math.ceil(min * 1000), max: Math.floor(max * 1000) }).map((n) => String(n / 1000)),
    fc.double({ min, max, noNaN: true }).map(String),
    fc.constantFrom(String(min), String(max)),
  );
}

function valueNotNull(schema: Schema, name: string, ctx: Ctx, depth: number): fc.Arbitrary<string> {
  const { pools, mode } = ctx;
  if (schema.enum?.length) return fc.constantFrom(...schema.enum.map((v) => JSON.stringify(v)));
  if (schema.oneOf?.length) return fc.oneof(...schema.oneOf.map((s) => valueFor(s, name, ctx, depth)));
  switch (schema.type) {
    case 'boolean':
      return fc.constantFrom('true', 'false');
    case 'integer': {
      if (name === 'version') {
        return fc.oneof(
          { weight: 4, arbitrary: fc.constant(CURRENT_VERSION) },
          { weight: mode === 'edgy' ? 1 : 0, arbitrary: fc.integer({ min: 1, max: 4 }).map(String) },
        );
      }
      if (name === 'year' && mode === 'clean') return fc.integer({ min: 2100, max: 2999 }).map(String);
      const min = schema.minimum ?? (mode === 'clean' ? 0 : -5);
      const max = schema.maximum ?? min + 20;
      return fc
        .oneof(fc.integer({ min, max: Math.min(max, min + 10) }), fc.integer({ min, max }), fc.constantFrom(min, max))
        .map(String);
    }
    case 'number':
      return numberValue(schema, name, mode);
    case 'array': {
      const item = schema.items ?? { type: 'string' };
      const singular = name.replace(/s$/, '');
      const items =
        name === 'partnerOrganisations'
          ? fc
              .constantFrom(...pools.organisationCodes, ...(mode === 'edgy' ? ['NOPE', 'töosz'] : []))
              .map((c) => JSON.stringify(c))
          : valueFor(item, idKind(name) ? name : singular, ctx, depth + 1);
      return fc.array(items, { maxLength: Math.min(schema.maxItems ?? 3, 3) }).map((list) => `[${list.join(',')}]`);
    }
    case 'object':
      if (depth > 3) return fc.constant('{}');
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        const value = valueFor(schema.additionalProperties, name, ctx, depth + 1);
        const key = fc.oneof(
          { weight: 4, arbitrary: idValue('question', ctx) },
          {
            weight: mode === 'edgy' ? 1 : 0,
            arbitrary: fc.constantFrom(...UNKNOWN_KEYS).map((k) => JSON.stringify(k)),
          },
        );
        return fc
          .array(fc.tuple(key, value), { maxLength: 4 })
          .map((entries) => `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`);
      }
      return objectBody(schema, ctx, depth + 1);
    default:
      return stringValue(schema, name, ctx);
  }
}

/** Instants that suit the field in a clean body: phases in their order, deadlines after the clock. */
function instantsFor(name: string, pools: FuzzPools): string[] {
  return pools.instantsByField[name] ?? pools.instants;
}

function stringValue(schema: Schema, name: string, ctx: Ctx): fc.Arbitrary<string> {
  const { pools, mode } = ctx;
  const quoted = (values: fc.Arbitrary<string>) => values.map((v) => JSON.stringify(v));
  const edgy = mode === 'edgy' ? 1 : 0;
  const kind = idKind(name);
  if (schema.format === 'uuid' || kind) return idValue(kind, ctx);
  if (/email/i.test(name)) {
    return fc.oneof(
      { weight: 4, arbitrary: quoted(fc.constantFrom(...pools.emails)) },
      { weight: 2, arbitrary: quoted(fc.emailAddress()) },
      {
        weight: edgy,
        arbitrary: quoted(fc.constantFrom('ÁRVÍZ@teszt.hu', 'a@b', '@', 'a@b.hu\r\nBcc: x@y.hu', ' x@y.hu ', 'x@ő.hu')),
      },
    );
  }
  if (/password/i.test(name)) {
    return fc.oneof(
      { weight: 2, arbitrary: quoted(fc.constantFrom(...pools.passwords)) },
      { weight: 1, arbitrary: quoted(fc.string({ unit: 'grapheme', minLength: 10, maxLength: 40 })) },
      { weight: edgy, arbitrary: textValue(schema, mode) },
    );
  }
  if (/ksh/i.test(name)) {
    const related = ctx.scope.ksh ?? [];
    return fc.oneof(
      { weight: related.length ? 8 : 0, arbitrary: quoted(fc.constantFrom(...(related.length ? related : pools.ksh))) },
      { weight: 4, arbitrary: quoted(fc.constantFrom(...pools.ksh)) },
      {
        weight: edgy,
        arbitrary: quoted(fc.constantFrom('00000', '99999', '1234', '123456', '２５５８４', ' 25584', '2558x')),
      },
    );
  }
  if (name === 'phone') {
    return quoted(
      fc.constantFrom(
        '+36 1 234 5678',
        '06-30-123-4567',
        '(1) 234 5678',
        ...(edgy ? ['☎', '1', '+36 1 234 5678 ext. ő'] : []),
      ),
    );
  }
  if (name === 'token') return quoted(fc.oneof(fc.base64String({ maxLength: 60 }), fc.constantFrom('x'.repeat(43))));
  if (name === 'level') {
    return quoted(fc.constantFrom(...pools.awardLevels, ...(mode === 'edgy' ? ['no_such_level', 'WINNER'] : [])));
  }
  if (name === 'code' && schema.pattern) {
    return fc.oneof(
      { weight: 3, arbitrary: quoted(fc.stringMatching(new RegExp(schema.pattern))) },
      { weight: 1, arbitrary: quoted(fc.constantFrom(...pools.awardLevels)) },
      { weight: edgy, arbitrary: quoted(fc.constantFrom('Különdíj', '1st', '', 'a'.repeat(41))) },
    );
  }
  if (/At$/.test(name) || schema.description?.includes('ISO 8601')) {
    if (mode === 'clean') return quoted(fc.constantFrom(...instantsFor(name, pools)));
    return fc.oneof(
      { weight: 4, arbitrary: quoted(fc.constantFrom(...pools.instants)) },
      { weight: 1, arbitrary: textValue(schema, mode) },
    );
  }
  if (schema.format === 'date' || /Date$|StartedAfter$/.test(name)) {
    const clean = ['2019-09-01', '2000-01-01', '2024-02-29'];
    return quoted(
      fc.constantFrom(...clean, ...(mode === 'edgy' ? ['2026-02-29', '1899-12-31', '2999-12-31', '19-9-1'] : [])),
    );
  }
  return textValue(schema, mode);
}

type Entry = [key: string, value: string];

/** A mutation of a mostly-valid object: indices pick among its keys. */
type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'set'; at: number; value: string }
  | { op: 'add'; key: string; value: string }
  | { op: 'duplicate'; at: number; value: string };

function mutation(ctx: Ctx): fc.Arbitrary<Mutation> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...UNKNOWN_KEYS) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  );
  const anyValue = fc.oneof(
    { weight: 3, arbitrary: hostileValue() },
    { weight: 1, arbitrary: idValue(undefined, ctx) },
  );
  return fc.oneof(
    fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: hostileValue() }),
    fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: hostileValue() }),
    // null where a value is optional: often let through by IsOptional, then refused by a NOT NULL column
    fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.constant('null') }),
    fc.record({ op: fc.constant('add' as const), key, value: anyValue }),
    fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), value: hostileValue() }),
  );
}

function applyMutation(entries: Entry[], m: Mutation): Entry[] {
  if (m.op === 'add') return [...entries, [m.key, m.value]];
  if (entries.length === 0) return entries;
  const at = m.at % entries.length;
  if (m.op === 'drop') return entries.filter((_, i) => i !== at);
  if (m.op === 'set') return entries.map((e, i): Entry => (i === at ? [e[0], m.value] : e));
  return [...entries, [entries[at][0], m.value]];
}

const objectText = (entries: Entry[]) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

/**
 * An object of `schema` (JSON text): its required properties and some optional ones; an
 * edgy one then gets up to three hostile mutations (a clean one at its top level never).
 */
function objectBody(schema: Schema, ctx: Ctx, depth = 0): fc.Arbitrary<string> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([name, property]) => {
    const value = valueFor(property, name, ctx, depth).map((v): Entry => [name, v]);
    return required.has(name) ? value.map((e): Entry | null => e) : fc.option(value, { nil: null, freq: 2 });
  });
  const mutations: fc.Arbitrary<Mutation[]> =
    ctx.mode === 'clean'
      ? fc.constant([])
      : fc.oneof(
          { weight: 1, arbitrary: fc.constant([] as Mutation[]) },
          { weight: depth === 0 ? 5 : 1, arbitrary: fc.array(mutation(ctx), { minLength: 1, maxLength: 3 }) },
        );
  return fc.tuple(fc.tuple(...fields), mutations).map(([present, changes]) => {
    const entries = present.filter((e): e is Entry => e !== null);
    return objectText(changes.reduce(applyMutation, entries));
  });
}

/** What is sent as the body of one request. */
export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; text: string }
  /** Sent with this Content-Type; `latin1` text is sent as those bytes (invalid UTF-8 included). */
  | { kind: 'raw'; contentType: string; text: string; latin1?: boolean }
  | { kind: 'multipart'; fileName: string; fileBytes: string; fields: Array<[string, string]> };

let hostileBodies: fc.Arbitrary<FuzzBody> | undefined;
/** Whole bodies that are no object of any DTO (built once). */
function hostileTopLevel(): fc.Arbitrary<FuzzBody> {
  const json = (text: string): FuzzBody => ({ kind: 'json', text });
  hostileBodies ??= fc.oneof(
    {
      weight: 12,
      arbitrary: fc.constantFrom(
        json('null'),
        json('[]'),
        json('[{}]'),
        json('"text"'),
        json('42'),
        json('true'),
        json(''),
        json('{'),
        json('{"a":'),
        json('NaN'),
        json("{'a':1}"),
        json('{"a":1,}'),
        json('{"a":undefined}'),
        json('\ufeff{}'),
        json('{"__proto__":{"isAdmin":true,"roles":["admin"]}}'),
        json('{"constructor":{"prototype":{"isAdmin":true}}}'),
        json('{"__proto__":null}'),
        json(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
        json(`${'['.repeat(10000)}${']'.repeat(10000)}`),
        { kind: 'raw', contentType: 'text/plain', text: '{"a":1}' },
        { kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: 'a=1&__proto__[isAdmin]=true&a=2' },
        {
          kind: 'raw',
          contentType: 'application/xml',
          text: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        },
        { kind: 'raw', contentType: 'application/json; charset=latin1', text: '{}' },
        { kind: 'raw', contentType: 'application/json; charset=utf-16', text: '{}' },
        { kind: 'raw', contentType: 'application/json', text: '{"a":"\xff\xfe\xc3"}', latin1: true },
        {
          kind: 'raw',
          contentType: 'multipart/form-data; boundary=x',
          text: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
        },
        { kind: 'raw', contentType: 'multipart/form-data', text: 'garbage' },
        { kind: 'raw', contentType: 'application/json', text: '{"a":1}'.padEnd(100, ' ') + '\u0000' },
      ),
    },
    { weight: 6, arbitrary: hostileValue().map(json) },
    {
      // over the body limit (413), and just under it
      weight: 1,
      arbitrary: fc.constantFrom(
        json(`{"a":${JSON.stringify('x'.repeat(1_100_000))}}`),
        json(`{"a":${JSON.stringify('x'.repeat(900_000))}}`),
      ),
    },
  );
  return hostileBodies;
}

function multipartBody(): fc.Arbitrary<FuzzBody> {
  const pdf = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  return fc.record({
    kind: fc.constant('multipart' as const),
    fileName: fc.constantFrom(
      'beszamolo.pdf',
      'árvíztűrő tükörfúrógép.pdf',
      '../../../etc/passwd.pdf',
      'a'.repeat(300) + '.pdf',
      '.pdf',
      'x.exe',
      'x.pdf.exe',
      '\u202egpj.exe',
      'kép 🇭🇺.png',
      'CON.pdf',
    ),
    fileBytes: fc.oneof(
      fc.constant(pdf),
      fc.constant('<html><script>alert(1)</script></html>'),
      fc.constant('MZ\x90\x00'),
      fc.constant(''),
      fc.string({ unit: 'binary-ascii', maxLength: 200 }),
    ),
    fields: fc.array(
      fc.tuple(fc.constantFrom('file', 'description', '__proto__', 'kind', 'x'), fc.constantFrom(...EDGE_STRINGS)),
      { maxLength: 3 },
    ),
  });
}

/**
 * A body for `route` called on `path`: its DTO, clean or mutated (for the upload, a file),
 * sometimes something else entirely. Ids in the body are mostly of the things the path names.
 */
export function bodyArbitrary(route: WriteRoute, path: string, pools: FuzzPools): fc.Arbitrary<FuzzBody> {
  const scoped = path.split('/').filter((segment) => pools.related[segment.toLowerCase()]);
  // built once per route and set of related ids (building one is costlier than drawing from it)
  const key = `${route.method} ${route.path} ${scoped.join(' ')}`;
  let arbitrary = bodies.get(pools)?.get(key);
  if (!arbitrary) {
    arbitrary = buildBody(route, scoped, pools);
    bodies.set(pools, (bodies.get(pools) ?? new Map()).set(key, arbitrary));
  }
  return arbitrary;
}

const bodies = new WeakMap<FuzzPools, Map<string, fc.Arbitrary<FuzzBody>>>();

function buildBody(route: WriteRoute, scoped: string[], pools: FuzzPools): fc.Arbitrary<FuzzBody> {
  const scope: Record<string, string[]> = {};
  for (const segment of scoped) {
    for (const [kind, ids] of Object.entries(pools.related[segment.toLowerCase()] ?? {})) {
      scope[kind] = [...(scope[kind] ?? []), ...ids];
    }
  }
  const ctx = (mode: Mode): Ctx => ({ pools, mode, scope });
  const hostile = hostileTopLevel();
  if (route.multipart) {
    return fc.oneof({ weight: 5, arbitrary: multipartBody() }, { weight: 2, arbitrary: hostile });
  }
  if (!route.schema) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
      {
        weight: 2,
        arbitrary: objectBody({ type: 'object' }, ctx('edgy')).map((text): FuzzBody => ({ kind: 'json', text })),
      },
      { weight: 2, arbitrary: hostile },
    );
  }
  const schema = route.schema;
  const body = (mode: Mode) => objectBody(schema, ctx(mode)).map((text): FuzzBody => ({ kind: 'json', text }));
  return fc.oneof(
    { weight: 3, arbitrary: body('clean') },
    { weight: 5, arbitrary: body('edgy') },
    { weight: 2, arbitrary: hostile },
  );
}

// ---------------------------------------------------------------- paths and query strings

/** Path segments that are no id: each already percent-encoded as a client would send it (or not). */
export const GARBAGE_SEGMENTS: readonly string[] = [
  'not-a-uuid',
  '1',
  '-1',
  '0x10',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '%00',
  '%',
  '%E9',
  '%C3%28',
  '%F0%9F%87%AD%F0%9F%87%BA',
  '%C5%91%C5%B1',
  '%ED%A0%80', // an encoded lone surrogate
  '..%2F..%2Fetc%2Fpasswd',
  '%27%20OR%201%3D1--',
  '%3Cscript%3E',
  '00000000-0000-0000-0000-000000000000%20',
  '00000000-0000-4000-8000-00000000000g',
  '{00000000-0000-4000-8000-000000000000}',
  'x'.repeat(5000),
];

/** Which pool of ids a path parameter draws from. */
function pathParamKind(path: string, param: string): string {
  if (param === 'themeId') return 'theme';
  if (param === 'criterionId') return 'criterion';
  if (param === 'questionId') return 'question';
  if (param === 'memberId') return 'juryMember';
  if (param === 'roundId') return 'round';
  if (param === 'attachmentId') return 'attachment';
  if (param === 'applicationId') return 'application';
  if (param === 'callId') return 'call';
  const resource = /^\/api\/([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? /\/([a-z-]+)\/\{id\}$/.exec(path)?.[1];
  const byResource: Record<string, string> = {
    calls: 'call',
    applications: 'application',
    users: 'user',
    memberships: 'membership',
    assignments: 'assignment',
    publications: 'publication',
    extensions: 'extension',
  };
  return (resource && byResource[resource]) ?? 'call';
}

/** The path of `route` with each parameter a fixture's id of the right kind, another kind's, or garbage. */
export function pathArbitrary(route: { path: string }, pools: FuzzPools): fc.Arbitrary<string> {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (params.length === 0) return fc.constant(route.path);
  const all = Object.values(pools.ids).flat();
  const segment = (param: string) => {
    const own = pools.ids[pathParamKind(route.path, param)] ?? [];
    return fc.oneof(
      { weight: own.length ? 16 : 0, arbitrary: own.length ? fc.constantFrom(...own) : fc.uuid() },
      { weight: 1, arbitrary: all.length ? fc.constantFrom(...all) : fc.uuid() },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: fc.constantFrom(...GARBAGE_SEGMENTS) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeURIComponent) },
    );
  };
  return fc
    .tuple(...params.map(segment))
    .map((values) => params.reduce((path, param, i) => path.replace(`{${param}}`, values[i]), route.path));
}

/** A query suffix sometimes added to write routes: the language switch and junk. */
export function writeQueryArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: fc.constant('?lang=en') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?lang=de',
        '?lang=',
        '?lang=en&lang=hu',
        '?__proto__[isAdmin]=1',
        '?%',
        '?a=%E9',
        '?lang[]=en',
      ),
    },
  );
}

function queryValue(schema: Schema, name: string, pools: FuzzPools): fc.Arbitrary<string> {
  const plain = (() => {
    if (schema.enum?.length) return fc.constantFrom(...schema.enum.map(String));
    if (schema.type === 'integer' || schema.type === 'number' || /^(page|pageSize|size\w*|top|year)$/.test(name)) {
      return fc.oneof(fc.integer({ min: 0, max: 120 }).map(String), fc.constantFrom('2027', '100', '101'));
    }
    if (schema.type === 'boolean' || name === 'flagged' || name === 'active') return fc.constantFrom('true', 'false');
    if (/Id$/.test(name)) {
      const kind = name.replace(/Id$/, '');
      const own = pools.ids[kind] ?? Object.values(pools.ids).flat();
      return own.length ? fc.constantFrom(...own) : fc.uuid();
    }
    if (/ksh/i.test(name)) return fc.constantFrom(...pools.ksh);
    return fc.constantFrom('Győr', 'gyor', 'BUDAPEST', 'a', 'jegyző');
  })();
  const hostile = fc.oneof(
    fc.constantFrom(
      '',
      '-1',
      '0',
      '1e308',
      '1.5',
      'NaN',
      'Infinity',
      '99999999999999999999',
      '00000000-0000-0000-0000-000000000000',
      'true',
      '[]',
      '{}',
      "' OR 1=1 --",
      '%_%',
      '\\',
      '\u0000',
      'a\u0000b',
      '\u202e',
      'x'.repeat(5000),
    ),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  return fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: hostile }).map(encodeURIComponent);
}

/** A query string for a list route: its parameters mostly valid, some hostile, repeated, unknown or malformed. */
export function listQueryArbitrary(route: ListRoute, pools: FuzzPools): fc.Arbitrary<string> {
  const params = route.query.map(({ name, schema }) =>
    fc.option(
      fc.tuple(fc.constant(name), queryValue(schema, name, pools), sometimes(queryValue(schema, name, pools), 1, 8)),
      { nil: null, freq: 2 },
    ),
  );
  const junk = fc.oneof(
    { weight: 3, arbitrary: fc.constant<string[]>([]) },
    {
      weight: 2,
      arbitrary: fc.array(
        fc.constantFrom(
          'unknown=1',
          '__proto__[isAdmin]=true',
          'constructor[prototype][x]=1',
          'page[]=1',
          'page[a]=1',
          'pageSize=1&pageSize=2',
          '%=1',
          'q=%E9',
          'q=%ED%A0%80',
          'lang=xx',
          'lang=en',
          '&&&',
          '=',
        ),
        { minLength: 1, maxLength: 2 },
      ),
    },
  );
  return fc.tuple(fc.tuple(...params), junk).map(([chosen, extra]) => {
    const parts: string[] = [];
    for (const entry of chosen) {
      if (!entry) continue;
      const [name, value, repeated] = entry;
      parts.push(`${name}=${value}`);
      if (repeated !== undefined) parts.push(`${name}=${repeated}`);
    }
    parts.push(...extra);
    return parts.length ? `?${parts.join('&')}` : '';
  });
}
