import { randomBytes } from 'node:crypto';

/**
 * Gmail's batch endpoint: up to 100 calls in one `multipart/mixed` POST, each part an HTTP
 * request of its own, answered by a `multipart/mixed` response whose parts are matched to the
 * calls by Content-ID ("Sending batch requests", Gmail API guide). Each call still counts against
 * the quota on its own, so each part may answer 429 while its neighbours succeed.
 */

export const maxBatchCalls = 100;

export interface BatchPartAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A non-2xx answer to the batch request itself, shaped like the client libraries' errors. */
export class GoogleHttpError extends Error {
  constructor(readonly response: { status: number; data: unknown; headers: Record<string, string> }) {
    super(`HTTP ${response.status}`);
    this.name = 'GoogleHttpError';
  }
}

export async function postBatch(
  url: string,
  accessToken: string,
  /** Paths with query, e.g. `/gmail/v1/users/me/messages/ID?format=metadata`. */
  calls: string[],
  signal: AbortSignal | undefined,
): Promise<Map<number, BatchPartAnswer>> {
  if (calls.length > maxBatchCalls) throw new RangeError(`at most ${maxBatchCalls} calls per batch`);
  const boundary = `batch_${randomBytes(12).toString('hex')}`;
  const body =
    calls
      .map(
        (path, i) =>
          `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <item${i}>\r\n\r\nGET ${path}\r\n\r\n`,
      )
      .join('') + `--${boundary}--\r\n`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${accessToken}`,
      'content-type': `multipart/mixed; boundary=${boundary}`,
    },
    body,
    signal,
  });
  const text = await response.text();
  const headers = Object.fromEntries(response.headers.entries());
  if (!response.ok) {
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    throw new GoogleHttpError({ status: response.status, data, headers });
  }
  const contentType = response.headers.get('content-type') ?? '';
  const answerBoundary = boundaryOf(contentType);
  if (!answerBoundary)
    throw new GoogleHttpError({ status: 502, data: 'batch answer is not multipart', headers });
  return parseBatchAnswer(text, answerBoundary);
}

function boundaryOf(contentType: string): string | null {
  for (const param of contentType.split(';')) {
    const [name, ...value] = param.trim().split('=');
    if (name?.toLowerCase() === 'boundary') return value.join('=').replace(/^"|"$/g, '') || null;
  }
  return null;
}

/** Splits the multipart answer; parts whose Content-ID names no call of ours are ignored. */
export function parseBatchAnswer(text: string, boundary: string): Map<number, BatchPartAnswer> {
  const answers = new Map<number, BatchPartAnswer>();
  for (const raw of text.split(`--${boundary}`)) {
    const part = raw.replace(/^\r?\n/, '');
    if (part.startsWith('--') || part.trim() === '') continue;
    const [outerHead, inner] = splitHead(part);
    const contentId = headerLines(outerHead)['content-id'] ?? '';
    const match = /^<response-item(\d{1,3})>$/.exec(contentId.trim());
    if (!match || inner === null) continue;
    const [innerHead, innerBody] = splitHead(inner);
    const [statusLine, ...lines] = innerHead.split(/\r?\n/);
    const status = Number(statusLine?.split(' ')[1]);
    let body: unknown = null;
    try {
      body = innerBody ? JSON.parse(innerBody) : null;
    } catch {
      body = null;
    }
    answers.set(Number(match[1]), {
      status: Number.isFinite(status) ? status : 502,
      headers: headerLines(lines.join('\n')),
      body,
    });
  }
  return answers;
}

function splitHead(text: string): [string, string | null] {
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return [text.slice(0, crlf), text.slice(crlf + 4)];
  if (lf >= 0) return [text.slice(0, lf), text.slice(lf + 2)];
  return [text, null];
}

function headerLines(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
