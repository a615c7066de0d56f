import { GoogleTokenError } from './credentials';

/**
 * Every failure talking to Google Workspace, reduced to what decides our reaction: where it came
 * from, the HTTP status, Google's reason (`errors[0].reason`, else `status`) or the token
 * endpoint's OAuth error, Google's message, and how long Google asked us to wait.
 */
export interface GoogleFailure {
  source: 'token' | 'api' | 'network';
  httpStatus: number | null;
  code: string | null;
  message: string;
  retryAfterMs: number | null;
  /** Which call failed, where the same answer means different things (404 from history.list). */
  operation: 'history' | 'other';
}

/** The JSON error body of Google's APIs (Gmail, Admin SDK). */
export interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    errors?: Array<{ reason?: string; message?: string; domain?: string }>;
  };
}

export function failureFromBody(
  httpStatus: number,
  body: GoogleErrorBody | null | undefined,
  retryAfterHeader: string | null,
  operation: GoogleFailure['operation'] = 'other',
): GoogleFailure {
  const error = body?.error;
  return {
    source: 'api',
    httpStatus,
    code: error?.errors?.[0]?.reason ?? error?.status ?? null,
    message: firstLine(error?.message ?? error?.errors?.[0]?.message ?? `HTTP ${httpStatus}`),
    retryAfterMs: retryAfter(retryAfterHeader),
    operation,
  };
}

export function describeGoogleFailure(
  err: unknown,
  operation: GoogleFailure['operation'] = 'other',
): GoogleFailure {
  if (err instanceof GoogleTokenError) {
    return {
      source: 'token',
      httpStatus: err.httpStatus,
      code: err.code,
      message: firstLine(err.description),
      retryAfterMs: null,
      operation,
    };
  }
  // The client libraries' errors (gaxios) carry the response; network errors carry a code.
  const e = err as {
    response?: { status?: number; data?: unknown; headers?: unknown };
    code?: unknown;
    message?: string;
    cause?: { code?: string };
  };
  const status = e?.response?.status;
  if (typeof status === 'number' && status > 0) {
    const data = typeof e.response!.data === 'string' ? parseJson(e.response!.data) : e.response!.data;
    return failureFromBody(
      status,
      data as GoogleErrorBody,
      headerOf(e.response!.headers, 'retry-after'),
      operation,
    );
  }
  return {
    source: 'network',
    httpStatus: null,
    code: null,
    message: firstLine(
      `${e?.message ?? String(err)}${e?.cause?.code ? ` (${e.cause.code})` : typeof e?.code === 'string' ? ` (${e.code})` : ''}`,
    ),
    retryAfterMs: null,
    operation,
  };
}

function headerOf(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const found = Object.entries(headers as Record<string, unknown>).find(([k]) => k.toLowerCase() === name);
  return found ? String(found[1]) : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.slice(0, 500);
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
