import type { FolderName, Mailbox, MessageRef } from '../scenario/mailbox';
import { requireMailRead } from './mail';
import {
  badMessageProperty,
  messageJson,
  MESSAGE_PROPERTIES,
  preferredBodyType,
  resolveFolder,
} from './message-json';
import {
  decodeToken,
  encodeToken,
  parseReceivedFilter,
  parseSelect,
  parseTop,
  preferredPageSize,
} from './odata';
import { GraphError, odataContext, type GraphResponse, type RouteContext } from './http';

/**
 * GET /users/{id}/mailFolders/{id}/messages/delta. A round pages the folder (or the changes since
 * the previous round) with `$skiptoken` links and ends with a `$deltatoken` link; the tokens carry
 * the query options of the first request, as Graph's do.
 */

interface Options {
  /** Mailbox epoch: expire-delta bumps it, and older tokens then answer 410. */
  e: number;
  f: FolderName;
  s: string | null;
  fl: string | null;
  ct: string | null;
  p: number | null;
  /** `$orderby=receivedDateTime desc`, the only ordering Graph's message delta supports. */
  o?: 'desc' | null;
}

interface SkipState extends Options {
  m: 'initial' | 'changes';
  pos: number;
  from: number;
  to: number;
  n: number;
}

interface DeltaState extends Options {
  seq: number;
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;
/** Graph returns at most this many messages from a delta round that uses $filter. */
const FILTERED_LIMIT = 5000;

const syncStateGone = () =>
  new GraphError(
    410,
    'SyncStateNotFound',
    'The sync state generation is not found or has expired. Please restart the sync.',
  );

function changedIds(mailbox: Mailbox, state: SkipState) {
  const latest = new Map<string, { created: boolean; deleted: boolean; seq: number }>();
  for (const change of mailbox.changes) {
    if (change.seq <= state.from || change.seq > state.to || change.folder !== state.f) continue;
    const entry = latest.get(change.id) ?? { created: false, deleted: false, seq: 0 };
    if (change.type === 'created') entry.created = true;
    if (change.type === 'deleted') entry.deleted = true;
    entry.seq = change.seq;
    latest.delete(change.id);
    latest.set(change.id, entry);
  }
  return [...latest.entries()].filter(([, c]) => {
    if (c.deleted && c.created) return false;
    if (state.ct === 'created') return c.created && !c.deleted;
    if (state.ct === 'updated') return !c.created && !c.deleted;
    if (state.ct === 'deleted') return c.deleted;
    return true;
  });
}

export function messagesDelta(ctx: RouteContext): GraphResponse {
  requireMailRead(ctx);
  const { state, req, user } = ctx;
  const mailbox = state.mailbox(user);
  const folder = resolveFolder(mailbox, ctx.params[1]!);
  const skipToken = req.query.get('$skiptoken');
  const deltaToken = req.query.get('$deltatoken');
  let round: SkipState;
  if (skipToken) {
    round = decodeToken<SkipState>(skipToken, 'skip token');
  } else if (deltaToken) {
    const d = decodeToken<DeltaState>(deltaToken, 'delta token');
    round = { ...d, m: 'changes', pos: 0, from: d.seq, to: mailbox.seq, n: 0 };
  } else {
    const select = parseSelect(req.query.get('$select'), MESSAGE_PROPERTIES, badMessageProperty);
    const filter = req.query.get('$filter');
    parseReceivedFilter(filter, ['ge', 'gt']);
    const orderBy = req.query.get('$orderby');
    if (orderBy !== null && orderBy.trim().toLowerCase().replace(/\s+/g, ' ') !== 'receiveddatetime desc') {
      throw new GraphError(
        400,
        'ErrorInvalidUrlQuery',
        `The only supported $orderby expression for delta is 'receivedDateTime desc'.`,
      );
    }
    const changeType = req.query.get('changeType');
    if (changeType && !['created', 'updated', 'deleted'].includes(changeType)) {
      throw new GraphError(
        400,
        'ErrorInvalidUrlQuery',
        `The value '${changeType}' of parameter 'changeType' is invalid.`,
      );
    }
    round = {
      e: mailbox.epoch,
      f: folder,
      s: select?.join(',') ?? null,
      fl: filter,
      ct: changeType,
      p: parseTop(req.query.get('$top'), MAX_PAGE_SIZE, 'ErrorInvalidUrlQuery'),
      o: orderBy === null ? null : 'desc',
      m: 'initial',
      pos: 0,
      from: 0,
      to: mailbox.seq,
      n: 0,
    };
  }
  if (round.e !== mailbox.epoch) throw syncStateGone();
  if (round.f !== folder)
    throw new GraphError(400, 'BadRequest', 'The delta token does not belong to this folder.');

  const preferred = preferredPageSize(req.headers.prefer);
  const pageSize = Math.min(preferred ?? round.p ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const select = round.s ? round.s.split(',') : null;
  const filter = parseReceivedFilter(round.fl, ['ge', 'gt']);
  const bodyType = preferredBodyType(req.headers.prefer);
  const value: unknown[] = [];
  let done = true;
  let pos = round.pos;
  if (round.m === 'initial') {
    // Ascending is the folder's own order (by position); descending sorts by received time, and
    // `pos` then counts entries of that sorted list rather than folder positions.
    const entries: Iterable<[number, MessageRef, number]> =
      round.o === 'desc'
        ? newestFirst(mailbox, folder, round.pos)
        : withCursor(mailbox.refs(folder, round.pos));
    for (const [position, ref, cursor] of entries) {
      pos = cursor + 1;
      if (ref.stream === 2 && mailbox.delivered[ref.index]!.seq > round.to) continue;
      if (mailbox.deleted.has(mailbox.idOf(ref))) continue;
      if (filter && !filter(mailbox.receivedAt(ref, folder, position))) continue;
      if (filter && round.n >= FILTERED_LIMIT) break;
      if (value.length === pageSize) {
        pos = cursor;
        done = false;
        break;
      }
      value.push({
        '@odata.type': '#microsoft.graph.message',
        ...messageJson(mailbox, ref, folder, select, bodyType),
      });
      round.n++;
    }
  } else {
    const changes = changedIds(mailbox, round);
    const slice = changes.slice(round.pos, round.pos + pageSize);
    for (const [id, change] of slice) {
      if (change.deleted) {
        value.push({ '@odata.type': '#microsoft.graph.message', id, '@removed': { reason: 'deleted' } });
      } else {
        const ref = mailbox.refOf(id)!;
        value.push({
          '@odata.type': '#microsoft.graph.message',
          ...messageJson(mailbox, ref, folder, select, bodyType),
        });
      }
    }
    pos = round.pos + slice.length;
    done = pos >= changes.length;
  }

  const link = `${state.baseUrl}/v1.0/users/${user.id}/mailFolders('${ctx.params[1]}')/messages/delta`;
  const options: Options = {
    e: round.e,
    f: round.f,
    s: round.s,
    fl: round.fl,
    ct: round.ct,
    p: round.p,
    o: round.o ?? null,
  };
  const next = done
    ? {
        '@odata.deltaLink': `${link}?$deltatoken=${encodeToken({ ...options, seq: round.to } satisfies DeltaState)}`,
      }
    : { '@odata.nextLink': `${link}?$skiptoken=${encodeToken({ ...round, pos } satisfies SkipState)}` };
  const applied = [
    ...(preferred !== null ? [`odata.maxpagesize=${pageSize}`] : []),
    ...(bodyType ? [`outlook.body-content-type="${bodyType}"`] : []),
  ];
  return {
    status: 200,
    headers: applied.length > 0 ? { 'Preference-Applied': applied.join(', ') } : {},
    body: { '@odata.context': odataContext(state, 'Collection(message)'), ...next, value },
  };
}

function* withCursor(refs: Iterable<[number, MessageRef]>): Generator<[number, MessageRef, number]> {
  for (const [position, ref] of refs) yield [position, ref, position];
}

function* newestFirst(
  mailbox: Mailbox,
  folder: FolderName,
  from: number,
): Generator<[number, MessageRef, number]> {
  const all = [...mailbox.refs(folder)].sort(
    ([pa, ra], [pb, rb]) => mailbox.receivedAt(rb, folder, pb) - mailbox.receivedAt(ra, folder, pa),
  );
  for (let i = from; i < all.length; i++) yield [all[i]![0], all[i]![1], i];
}
