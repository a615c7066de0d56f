/**
 * The shortest first syncs Microsoft Graph's limits allow (Graph's throttling-limits document),
 * against which bench:fleet reads its times:
 *
 * - per app and mailbox: 4 requests in flight and 10,000 requests per 10 minutes. A folder's delta
 *   pages come one after another (each page names the next), and the two synced folders run side
 *   by side, so a mailbox needs at least its larger folder's pages × the latency of one request;
 *   beyond 10,000 requests it also waits a whole window for each further 10,000;
 * - per app across all tenants: 130,000 requests per 10 seconds.
 *
 * Only the delta pages count: they are the requests a first sync cannot do without (signature
 * bodies and header reads come on top).
 */

const mailboxWindow = { requests: 10_000, seconds: 600 };
const appWindow = { requests: 130_000, seconds: 10 };

/** Delta pages each folder of one mailbox needed (at least one: the page that ends with the delta link). */
export interface MailboxPaging {
  orgId: string;
  pages: number[];
}

export function pagesOf(messagesPerFolder: number[], pageSize: number): number[] {
  return messagesPerFolder.map((n) => Math.max(1, Math.ceil(n / pageSize)));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const windowsBeyond = (requests: number, window: { requests: number; seconds: number }) =>
  Math.floor(Math.max(0, requests - 1) / window.requests) * window.seconds;

/** Seconds Graph allows one mailbox's first sync at `latencyMs` per request. */
export function mailboxIdealSeconds(paging: MailboxPaging, latencyMs: number): number {
  const sequential = (Math.max(...paging.pages) * latencyMs) / 1000;
  return Math.max(sequential, windowsBeyond(sum(paging.pages), mailboxWindow));
}

/**
 * For a set of mailboxes: what Graph's limits allow with every mailbox synced at once (`graph`),
 * and with at most `places` mailboxes at a time, as the workers run them (`places`: no place
 * ever idle, every mailbox at its Graph ideal).
 */
export function fleetIdealSeconds(
  mailboxes: MailboxPaging[],
  latencyMs: number,
  places: number,
): { graph: number; places: number } {
  if (mailboxes.length === 0) return { graph: 0, places: 0 };
  const each = mailboxes.map((m) => mailboxIdealSeconds(m, latencyMs));
  const longest = Math.max(...each);
  const graph = Math.max(longest, windowsBeyond(sum(mailboxes.map((m) => sum(m.pages))), appWindow));
  return { graph, places: Math.max(graph, sum(each) / places) };
}

/** A run's ideals: for all its mailboxes, at the workers' places, and per organisation (by name). */
export function idealOf(
  mailboxes: Array<{ orgId: string; folders: number[] }>,
  orgs: Array<{ name: string; orgId: string }>,
  run: { pageSize: number; latencyMs: number; places: number },
): { graph: number; places: number; byOrg: Map<string, number> } {
  const paging = mailboxes.map((m) => ({ orgId: m.orgId, pages: pagesOf(m.folders, run.pageSize) }));
  const byOrg = new Map(
    orgs.map((o) => [
      o.name,
      fleetIdealSeconds(
        paging.filter((m) => m.orgId === o.orgId),
        run.latencyMs,
        1,
      ).graph,
    ]),
  );
  return { ...fleetIdealSeconds(paging, run.latencyMs, run.places), byOrg };
}
