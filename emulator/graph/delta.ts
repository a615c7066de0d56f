import type { FolderName, Mailbox, MessageRef } from '../scenario/mailbox';
import { hash32 } from '../scenario/prng';
import type { DeltaExpiry } from '../state';
import { trafficOf } from './throttle';
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
 *
 * Order: `$orderby=receivedDateTime desc` is the one ordering the message delta supports; without
 * it "the return order is not guaranteed" (message-delta.md), so the emulator then returns the
 * folder in an arbitrary (hash) order, and a client that assumes any order finds out here.
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
  o: 'desc' | null;
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

/** The two answers Graph's errors.md lists for a delta token that is no longer valid. */
const staleToken = (expiry: DeltaExpiry) =>
  expiry === 'resyncRequired'
    ? new GraphError(
        400,
        'resyncRequired',
        'The delta token is no longer valid, and the app must reset the sync state.',
      )
    : new GraphError(
        410,
        'syncStateNotFound',
        'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
      );

/**
 * The folder as one initial round pages it: the messages there when the round began (`to`), newest
 * first or in hash order. Kept per mailbox for the round's later pages; positions index this list.
 */
const orders = new WeakMap<Mailbox, Map<string, Array<[number, MessageRef]>>>();

function roundOrder(
  mailbox: Mailbox,
  folder: FolderName,
  order: 'desc' | null,
  to: number,
): Array<[number, MessageRef]> {
  const key = `${folder}|${order}|${to}`;
  let cache = orders.get(mailbox);
  if (!cache) orders.set(mailbox, (cache = new Map()));
  const known = cache.get(key);
  if (known) return known;
  const entries = [...mailbox.refs(folder)].filter(
    ([, ref]) => ref.stream !== 2 || mailbox.delivered[ref.index]!.seq <= to,
  );
  if (order === 'desc') {
    const at = new Map(entries.map(([p, ref]) => [p, mailbox.receivedAt(ref, folder, p)]));
    entries.sort(([a], [b]) => at.get(b)! - at.get(a)! || a - b);
  } else {
    const rank = new Map(entries.map(([p, ref]) => [p, hash32(mailbox.key, mailbox.idOf(ref))]));
    entries.sort(([a], [b]) => rank.get(a)! - rank.get(b)! || a - b);
  }
  if (cache.size >= 4) cache.delete(cache.keys().next().value!);
  cache.set(key, entries);
  return entries;
}

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
  if (round.e !== mailbox.epoch) throw staleToken(state.deltaExpiry.get(user.id) ?? 'syncStateNotFound');
  if (!skipToken && !deltaToken) {
    const rounds = trafficOf(state, ctx.principal.appId, user.id).deltaRounds;
    if (round.o === 'desc') rounds.newestFirst++;
    else rounds.unordered++;
  }
  if (round.f !== folder)
    throw new GraphError(400, 'BadRequest', 'The delta token does not belong to this folder.');

  const preferred = preferredPageSize(req.headers.prefer);
  const pageSize = Math.min(preferred ?? round.p ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  let select = round.s ? round.s.split(',') : null;
  // Whether delta returns internet headers is not settled by the documentation: a setting.
  if (select && !state.settings.deltaInternetMessageHeaders)
    select = select.filter((p) => p !== 'internetMessageHeaders');
  const filter = parseReceivedFilter(round.fl, ['ge', 'gt']);
  const bodyType = preferredBodyType(req.headers.prefer);
  const value: unknown[] = [];
  let done = true;
  let pos = round.pos;
  if (round.m === 'initial') {
    const entries = roundOrder(mailbox, folder, round.o ?? null, round.to);
    for (let cursor = round.pos; cursor < entries.length; cursor++) {
      const [position, ref] = entries[cursor]!;
      pos = cursor + 1;
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
