import type { EmulatorState } from '../state';
import { GraphError, newRequestIds, type GraphRequest, type GraphResponse, type RouteContext } from './http';

/**
 * POST /$batch (JSON batching): up to 20 requests, each run through the same dispatch as a
 * top-level call — auth, permissions, throttling — concurrently, as Graph may run them. Each item
 * is evaluated against the throttling limits on its own (json-batching.md), so a batch of many
 * requests to one mailbox meets the MailboxConcurrency limit and some items answer 429 with their
 * own Retry-After. Responses come back in the order they finished, not the order asked: the docs
 * say to correlate them by `id`.
 */

const MAX_REQUESTS = 20;

interface BatchItem {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
}

export async function batch(
  ctx: RouteContext,
  dispatch: (state: EmulatorState, req: GraphRequest) => Promise<GraphResponse>,
): Promise<GraphResponse> {
  const requests = (ctx.req.body as { requests?: unknown })?.requests;
  if (!Array.isArray(requests)) throw new GraphError(400, 'BadRequest', 'Invalid batch payload format.');
  if (requests.length > MAX_REQUESTS) {
    throw new GraphError(
      400,
      'BadRequest',
      `The number of batch requests exceeds the maximum allowed count of ${MAX_REQUESTS}.`,
    );
  }
  const ids = new Set<string>();
  for (const item of requests as BatchItem[]) {
    if (typeof item?.id !== 'string' || item.id === '')
      throw new GraphError(400, 'BadRequest', 'Invalid batch payload format: every request needs an id.');
    if (ids.has(item.id))
      throw new GraphError(400, 'BadRequest', `Batch request id '${item.id}' is not unique.`);
    ids.add(item.id);
    if (typeof item.method !== 'string' || typeof item.url !== 'string') {
      throw new GraphError(
        400,
        'BadRequest',
        `Invalid batch payload format: request '${item.id}' needs a method and a url.`,
      );
    }
  }
  const responses: Array<{ item: BatchItem; response: GraphResponse }> = [];
  await Promise.all(
    (requests as BatchItem[]).map(async (item) => {
      const url = new URL(String(item.url).replace(/^\/?(v1\.0\/)?/, '/'), 'https://batch');
      const headers = Object.fromEntries(
        Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const sub: GraphRequest = {
        method: String(item.method).toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: { ...headers, authorization: ctx.req.headers.authorization },
        body: item.body,
        ...newRequestIds(headers['client-request-id']),
      };
      responses.push({ item, response: await dispatch(ctx.state, sub) });
    }),
  );
  if (responses.some((r) => r.response.drop)) return { status: 0, drop: true };
  return {
    status: 200,
    body: {
      responses: responses.map(({ item, response }) => ({
        id: item.id,
        status: response.status,
        headers: {
          ...(response.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...response.headers,
        },
        ...(response.body !== undefined ? { body: response.body } : {}),
      })),
    },
  };
}
