import { GraphError } from './http';

/** The slice of OData query syntax the emulated endpoints accept, with Graph's errors. */

/**
 * System query options by their lower-case names: Graph takes `$skipToken` as `$skiptoken`,
 * `$Top` as `$top` (OData 4.01 names are case-insensitive; the SDKs send `$skipToken`). An option
 * given twice in any spelling is refused, as Graph does. Custom options (`changeType`) keep their case.
 */
export function normaliseQueryOptions(query: URLSearchParams): URLSearchParams {
  const normalised = new URLSearchParams();
  for (const [name, value] of query) {
    const key = name.startsWith('$') ? name.toLowerCase() : name;
    if (key.startsWith('$') && normalised.has(key)) {
      throw new GraphError(
        400,
        'BadRequest',
        `Query option '${key}' was specified more than once, but it must be specified at most once.`,
      );
    }
    normalised.append(key, value);
  }
  return normalised;
}

export function parseSelect(
  value: string | null,
  known: readonly string[],
  badProperty: (p: string) => GraphError,
) {
  if (value === null || value.trim() === '') return null;
  const props = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of props) {
    if (!known.some((k) => k.toLowerCase() === p.toLowerCase())) throw badProperty(p);
  }
  return props.map((p) => known.find((k) => k.toLowerCase() === p.toLowerCase())!);
}

export function parseTop(value: string | null, max: number, code = 'BadRequest'): number | null {
  if (value === null) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new GraphError(400, code, `Invalid value '${value}' for $top query option.`);
  if (n > max)
    throw new GraphError(
      400,
      code,
      `Invalid page size specified: '${n}'. Must be between 1 and ${max} inclusive.`,
    );
  return n;
}

/** `Prefer: odata.maxpagesize=N` (also inside a comma-separated Prefer list). */
export function preferredPageSize(prefer: string | undefined): number | null {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  return m ? Number(m[1]) : null;
}

type Condition = (record: Record<string, unknown>) => boolean;

/**
 * `$filter` on directory objects: `startswith(prop,'x')` and `prop eq 'x'`, joined with `or` /
 * `and` (no nesting). Anything else is the "Unsupported Query" Graph answers for users.
 */
export function parseDirectoryFilter(filter: string | null, properties: readonly string[]): Condition | null {
  if (filter === null || filter.trim() === '') return null;
  const unsupported = () => new GraphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
  const clause = (text: string): Condition => {
    const prop = (name: string) => {
      const found = properties.find((p) => p.toLowerCase() === name.toLowerCase());
      if (!found) throw unsupported();
      return found;
    };
    const unquote = (v: string) => v.slice(1, -1).replace(/''/g, "'").toLowerCase();
    let m = /^startswith\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(text);
    if (m) {
      const p = prop(m[1]!);
      const v = unquote(m[2]!);
      return (r) =>
        String(r[p] ?? '')
          .toLowerCase()
          .startsWith(v);
    }
    m = /^(\w+)\s+eq\s+('(?:[^']|'')*')$/i.exec(text);
    if (m) {
      const p = prop(m[1]!);
      const v = unquote(m[2]!);
      return (r) => String(r[p] ?? '').toLowerCase() === v;
    }
    if (/^\(.*\)$/.test(text)) return clause(text.slice(1, -1).trim());
    throw new GraphError(400, 'BadRequest', `Invalid filter clause: ${text}`);
  };
  const trimmed = filter.trim();
  if (/\s+and\s+/i.test(trimmed) && /\s+or\s+/i.test(trimmed)) throw unsupported();
  if (/\s+and\s+/i.test(trimmed)) {
    const parts = trimmed.split(/\s+and\s+/i).map((p) => clause(p.trim()));
    return (r) => parts.every((c) => c(r));
  }
  const parts = trimmed.split(/\s+or\s+/i).map((p) => clause(p.trim()));
  return (r) => parts.some((c) => c(r));
}

/**
 * `receivedDateTime ge|gt|le|lt <ISO>` joined by `and`: the filter message lists support and,
 * for delta, the only one (ge/gt).
 */
export function parseReceivedFilter(
  filter: string | null,
  operators: string[],
): ((at: number) => boolean) | null {
  if (filter === null || filter.trim() === '') return null;
  const tests = filter.split(/\s+and\s+/i).map((part) => {
    const m = /^receivedDateTime\s+(ge|gt|le|lt)\s+(\S+)$/i.exec(part.trim());
    if (!m || !operators.includes(m[1]!.toLowerCase())) {
      throw new GraphError(
        400,
        'ErrorInvalidUrlQueryFilter',
        'The query filter contains one or more invalid nodes.',
      );
    }
    const at = Date.parse(m[2]!.replace(/^'|'$/g, ''));
    if (Number.isNaN(at))
      throw new GraphError(
        400,
        'BadRequest',
        `The DateTimeOffset text '${m[2]}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?'.`,
      );
    const op = m[1]!.toLowerCase();
    return (t: number) => (op === 'ge' ? t >= at : op === 'gt' ? t > at : op === 'le' ? t <= at : t < at);
  });
  return (t) => tests.every((test) => test(t));
}

/** Opaque paging and delta tokens: base64url JSON, rejected with Graph's error when tampered. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string, name: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString()) as T;
  } catch {
    throw new GraphError(400, 'BadRequest', `The ${name} is invalid.`);
  }
}
