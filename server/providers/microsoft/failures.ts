import { GraphError } from '@microsoft/microsoft-graph-client';

/**
 * Every failure talking to Microsoft 365, reduced to what decides our reaction: where it came
 * from, the HTTP status, Microsoft's error code and message, and how long Microsoft asked us to wait.
 */
export interface MicrosoftFailure {
  source: 'token' | 'graph' | 'network';
  httpStatus: number | null;
  /** Graph's `error.code`, or for the token endpoint the AADSTS number when present, else the OAuth error. */
  code: string | null;
  message: string;
  retryAfterMs: number | null;
}

export function describeFailure(err: unknown): MicrosoftFailure {
  if (err instanceof GraphError) {
    // The client reports network failures as GraphError with statusCode -1.
    if (err.statusCode <= 0) return network(err.message);
    const body = parseBody(err.body);
    return {
      source: 'graph',
      httpStatus: err.statusCode,
      code: err.code ?? body?.error?.code ?? null,
      message: err.message || body?.error?.message || `HTTP ${err.statusCode}`,
      retryAfterMs: retryAfter(err.headers?.get('retry-after') ?? null),
    };
  }
  const e = err as {
    errorCode?: string;
    errorMessage?: string;
    status?: number;
    name?: string;
    message?: string;
    cause?: { code?: string };
  };
  if (
    typeof e?.errorCode === 'string' &&
    e.name !== undefined &&
    /Error$/.test(e.name) &&
    'correlationId' in (err as object)
  ) {
    // msal-node: ServerError/ClientAuthError carry the token endpoint's OAuth error and AADSTS text.
    const text = e.errorMessage || e.message || e.errorCode;
    const aadsts = /AADSTS(\d+)/.exec(text);
    if (
      /network|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|endpoints_resolution_error/i.test(
        `${e.errorCode} ${text}`,
      ) &&
      !aadsts
    ) {
      return network(`${e.errorCode}: ${text}`);
    }
    return {
      source: 'token',
      httpStatus: typeof e.status === 'number' ? e.status : null,
      code: aadsts ? `AADSTS${aadsts[1]}` : e.errorCode,
      message: firstLine(text),
      retryAfterMs: null,
    };
  }
  if (
    e?.cause?.code ||
    /fetch failed|socket|ECONN|ETIMEDOUT|EPIPE|other side closed/i.test(String(e?.message))
  ) {
    return network(`${e?.message ?? 'network error'}${e?.cause?.code ? ` (${e.cause.code})` : ''}`);
  }
  return {
    source: 'network',
    httpStatus: null,
    code: null,
    message: String(e?.message ?? err),
    retryAfterMs: null,
  };
}

function network(message: string): MicrosoftFailure {
  return { source: 'network', httpStatus: null, code: null, message: firstLine(message), retryAfterMs: null };
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.slice(0, 500);
}

function parseBody(body: unknown): { error?: { code?: string; message?: string } } | null {
  if (typeof body !== 'string') return (body as { error?: { code?: string; message?: string } }) ?? null;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
