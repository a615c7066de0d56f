import type { Db } from 'mongodb';
import type { ExtractedContactPoint } from '../extraction/contact-points';
import { parseSignature, type SignatureFields } from '../extraction/signatures';
import type { SignatureParsePool } from '../extraction/signatures/parse-pool';
import {
  companies,
  companyId,
  contactId,
  contacts,
  dated,
  ranked,
  type ContactDoc,
} from '../extraction/documents';
import type { MailboxScope } from '../extraction/store-page';
import { companyPlacements, indexEntries } from '../search/index-batch';
import type { Logger } from '../log';
import type { MailboxDriver, MessageBody } from './driver';
import {
  addOwed,
  forgetOwed,
  keepOwed,
  MAX_OWED,
  MAX_READ_TRIES,
  owedSignatures,
  type BackloggedMailbox,
  type OwedSignature,
} from './signature-backlog';

/** Fields a signature parser extracts; anything absent stays as it was on the contact. */
export interface ParsedSignature {
  name?: string;
  title?: string;
  department?: string;
  company?: string;
  phones: Array<{ type: string; number: string; extension?: string }>;
  address?: string;
  url?: string;
}

/** A message the parser gave up on (it overran its time budget, or its thread failed). */
export interface SkippedSignature {
  skipped: 'budget' | 'failed';
}

export type SignatureParser = (input: {
  body: MessageBody;
  sender: { name: string; address: string };
  /** ISO country for phone numbers without a country code, when the sender's domain does not tell */
  defaultRegion?: string;
}) => Promise<ParsedSignature | SkippedSignature>;

function toParsed(fields: SignatureFields): ParsedSignature {
  return {
    ...fields,
    phones: fields.phones.map((p) => ({
      type: p.type,
      number: p.number,
      ...(p.extension ? { extension: p.extension } : {}),
    })),
  };
}

/** The product's parser (server/extraction/signatures) in this thread: for tools and tests of the parser itself. */
export const parseSignatureFromBody: SignatureParser = async ({ body, sender, defaultRegion }) =>
  toParsed(
    parseSignature({ body: body.content, contentType: body.contentType, sender, defaultRegion }).fields,
  );

/** The product's parser in worker threads, each message under the pool's time budget: what sync uses. */
export function parseSignatureInPool(pool: SignatureParsePool): SignatureParser {
  return async ({ body, sender, defaultRegion }) => {
    const outcome = await pool.parse({
      body: body.content,
      contentType: body.contentType,
      sender,
      defaultRegion,
    });
    return outcome.status === 'parsed' ? toParsed(outcome.result.fields) : { skipped: outcome.reason };
  };
}

/** The country of a mailbox's own address, for a colleague in Japan reading a .com sender's local number. */
export function regionOfAddress(address: string | null): string | undefined {
  const tld = address?.split('.').pop()?.toLowerCase();
  if (!tld || tld.length !== 2) return undefined;
  return tld === 'uk' ? 'GB' : tld.toUpperCase();
}

interface Candidate {
  at: Date;
  messageId: string;
  name: string;
  /** Runs before this one that asked for this message's body in vain. */
  tries?: number;
}

/** Senders taken at a time while the folders are still paged (the driver batches them into the mailbox's free places). */
const readAlongside = 4;

/**
 * Reads the signature of each external sender from their newest message. During a run it keeps,
 * per sender, the newest received message, and reads the bodies of those newer than the last one
 * parsed (plus a refresh period) — alongside the paging once `begin` was called, the rest at the
 * end of the run — so an initial sync of years of mail, newest first, fetches one body per
 * sender, not one per message. A sender counts as checked only when a body was actually read: one
 * still throttled (or gone) is asked again by the mailbox's next runs (up to MAX_READ_TRIES), then
 * with their next message, not after `refreshMs`. Bodies
 * are never stored: only the parsed fields, each with the time of its message, so a newer
 * signature replaces older fields field by field.
 */
export class SignatureHook {
  private readonly newest = new Map<string, Candidate>();
  /** Senders whose newest message this run is not dealt with yet. */
  private readonly queued = new Set<string>();
  /** Per sender, the time of the message dealt with this run (read, or not due). */
  private readonly handled = new Map<string, number>();
  private reading: Promise<void> | null = null;
  private context: { scope: MailboxScope; signal: AbortSignal } | null = null;
  private checked = 0;
  /** Messages whose signature the parser gave up on, over this hook's life (one mailbox run). */
  skipped = 0;

  private readonly db: Db;
  private readonly driver: MailboxDriver;
  private readonly parse: SignatureParser;
  private readonly refreshMs: number;
  private readonly log: Logger;
  private readonly defaultRegion?: string;
  /** The mailbox whose runs this hook serves: what a stopped run still owed is kept under it. */
  private readonly mailbox: BackloggedMailbox;
  /** Whether the mailbox has a backlog to clear once this run read everything it owed. */
  private backlogged = false;
  /** Senders noted since the last checkpoint (their newest message), not yet in the backlog. */
  private readonly unkept = new Map<string, Candidate>();
  /** How many entries the mailbox's backlog document holds, as far as this run knows. */
  private appended = 0;
  private keeping: Promise<void> = Promise.resolve();

  constructor(options: {
    db: Db;
    driver: MailboxDriver;
    parse: SignatureParser;
    refreshMs: number;
    log: Logger;
    defaultRegion?: string;
    mailbox: BackloggedMailbox;
  }) {
    ({
      db: this.db,
      driver: this.driver,
      parse: this.parse,
      refreshMs: this.refreshMs,
      log: this.log,
      defaultRegion: this.defaultRegion,
      mailbox: this.mailbox,
    } = options);
  }

  /** Takes up the senders an earlier run of the mailbox stored but stopped before reading. */
  async resume(): Promise<void> {
    const owed = await owedSignatures(this.db, this.mailbox);
    if (owed === null) return;
    this.backlogged = true;
    this.appended = owed.length;
    for (const o of owed)
      this.note(o.email, { at: o.at, messageId: o.messageId, name: o.name, tries: o.tries });
    // Those are in the backlog already.
    this.unkept.clear();
    if (owed.length > 0)
      this.log.info(
        { integrationId: this.mailbox._id, owed: owed.length },
        'signatures owed by an earlier run taken up',
      );
  }

  /** Starts reading bodies as senders are collected, while the run pages its folders. */
  begin(scope: MailboxScope, signal: AbortSignal): void {
    this.context = { scope, signal };
  }

  collect(points: ExtractedContactPoint[]): void {
    for (const p of points) {
      const s = p.externalSender;
      if (s) this.note(s.email, { at: p.occurredAt, messageId: p.graphMessageId, name: s.name });
    }
    if (this.context && !this.reading && this.queued.size > 0) {
      const { scope, signal } = this.context;
      this.reading = this.drain(scope, signal, readAlongside).finally(() => (this.reading = null));
    }
  }

  /**
   * Waits for the reads under way and reads what is left; returns how many senders were checked.
   * When that fails (the run was stopped), what is still owed is kept for the next run.
   */
  async flush(scope: MailboxScope, signal: AbortSignal): Promise<number> {
    this.context = null;
    await this.reading;
    await this.keeping;
    try {
      await this.readQueued(scope, signal, 20);
    } catch (err) {
      await this.keepOwed();
      throw err;
    }
    // Every sender still owed now was asked for and not answered: throttled past the wait, or the
    // message is gone. The next runs ask again, up to MAX_READ_TRIES runs; then the sender's next
    // message will do.
    const unanswered = this.owed()
      .map((o) => ({ ...o, tries: (o.tries ?? 0) + 1 }))
      .filter((o) => o.tries < MAX_READ_TRIES);
    if (unanswered.length > 0) await this.keepOwed(unanswered);
    else {
      if (this.backlogged) await forgetOwed(this.db, this.mailbox._id);
      this.backlogged = false;
    }
    return this.checked;
  }

  /**
   * Keeps the senders noted since the last checkpoint and not read yet, before the run saves a
   * folder's position past their messages: a worker that dies (killed, out of memory, the machine
   * gone) then loses no signature, since the next run of the mailbox takes them up. Only the new
   * ones are added to the backlog (senders read since stay in it: the next run finds them not due
   * and reads no body for them); the run's end replaces it with what is really owed. A failure
   * fails the batch, so the position does not move.
   */
  checkpoint(): Promise<void> {
    // The folders store side by side: one write at a time.
    const next = this.keeping.then(() => this.keepNew());
    this.keeping = next.catch(() => undefined);
    return next;
  }

  private async keepNew(): Promise<void> {
    const fresh = [...this.unkept].filter(([email, c]) => this.isOwed(email, c));
    if (fresh.length === 0) {
      this.unkept.clear();
      return;
    }
    if (this.appended + fresh.length > MAX_OWED) {
      // A backlog as large as the limit: rewritten with what is owed now, the newest kept.
      const owed = this.owed();
      await keepOwed(this.db, this.mailbox, owed);
      this.appended = Math.min(owed.length, MAX_OWED);
    } else {
      await addOwed(
        this.db,
        this.mailbox,
        fresh.map(([email, c]) => ({ email, ...c })),
      );
      this.appended += fresh.length;
    }
    this.backlogged = true;
    // Senders noted again while the write was under way stay for the next checkpoint.
    for (const [email, c] of fresh) if (this.unkept.get(email) === c) this.unkept.delete(email);
  }

  /** Stops reading alongside (the run failed); what was read stays recorded, what was not is kept. */
  async stop(): Promise<void> {
    this.context = null;
    await this.reading;
    await this.keeping;
    await this.keepOwed();
  }

  private note(email: string, candidate: Candidate): void {
    const seen = this.newest.get(email);
    if (seen && candidate.at <= seen.at) return;
    this.newest.set(email, candidate);
    this.unkept.set(email, candidate);
    if (this.isOwed(email, candidate)) this.queued.add(email);
  }

  /** This message of the sender is not dealt with yet (read, or found not due). */
  private isOwed(email: string, candidate: Candidate): boolean {
    return (this.handled.get(email) ?? -Infinity) < candidate.at.getTime();
  }

  /** Senders collected this run (or taken up) whose newest message is not dealt with yet. */
  private owed(): OwedSignature[] {
    const owed: OwedSignature[] = [];
    for (const [email, c] of this.newest) if (this.isOwed(email, c)) owed.push({ email, ...c });
    return owed;
  }

  /** Keeps what is owed for the next run as this one stops; a failure only loses them until their next message. */
  private async keepOwed(owed = this.owed()): Promise<void> {
    if (owed.length === 0 && !this.backlogged) return;
    try {
      const dropped = await keepOwed(this.db, this.mailbox, owed);
      this.backlogged = owed.length > 0;
      if (owed.length > 0)
        this.log.info(
          { integrationId: this.mailbox._id, owed: owed.length, dropped },
          'signatures owed kept for the next run',
        );
    } catch (err) {
      // Lost only for now: each of these senders is read again with their next message.
      this.log.warn(
        { integrationId: this.mailbox._id, owed: owed.length, err: String(err) },
        'signatures owed could not be kept',
      );
    }
  }

  private async drain(scope: MailboxScope, signal: AbortSignal, chunk: number): Promise<void> {
    try {
      while (this.context && this.queued.size > 0 && !signal.aborted)
        await this.readQueued(scope, signal, chunk, 1);
    } catch (err) {
      // Left queued: the end of the run tries again, and fails the run if it must.
      if (!signal.aborted)
        this.log.info({ orgId: scope.orgId, err: String(err) }, 'signature bodies not read yet');
    }
  }

  /** Reads the queued senders' bodies, `chunk` at a time (at most `rounds` chunks). */
  private async readQueued(scope: MailboxScope, signal: AbortSignal, chunk: number, rounds = Infinity) {
    let unread = 0;
    for (let round = 0; round < rounds && this.queued.size > 0; round++) {
      const emails = [...this.queued].slice(0, chunk);
      for (const email of emails) this.queued.delete(email);
      const candidates = emails.map((email) => [email, this.newest.get(email)!] as const);
      let bodies: Map<string, MessageBody>;
      let due: typeof candidates;
      try {
        const docs = await Promise.all(
          emails.map((email) => contacts(this.db).findOne({ _id: contactId(scope.orgId, email) })),
        );
        due = candidates.filter(([, candidate], i) => this.isDue(docs[i] ?? null, candidate.at));
        bodies =
          due.length > 0
            ? await this.driver.readBodies(
                due.map(([, c]) => c.messageId),
                signal,
              )
            : new Map();
      } catch (err) {
        for (const email of emails) this.queued.add(email);
        throw err;
      }
      for (const [email, candidate] of candidates) {
        const read = bodies.has(candidate.messageId);
        if (read || !due.some(([e]) => e === email)) this.handled.set(email, candidate.at.getTime());
        // A newer message of this sender arrived while this one was being read.
        if (this.newest.get(email)!.at > candidate.at) this.queued.add(email);
      }
      const read = due.filter(([, candidate]) => bodies.has(candidate.messageId));
      unread += due.length - read.length;
      this.checked += read.length;
      await Promise.all(
        read.map(([email, candidate]) =>
          this.store(scope, email, candidate, bodies.get(candidate.messageId)!),
        ),
      );
    }
    if (unread > 0) this.log.info({ orgId: scope.orgId, unread }, 'some signature bodies not read');
  }

  private async store(
    scope: MailboxScope,
    email: string,
    candidate: { at: Date; name: string },
    body: MessageBody,
  ) {
    // Checked even when the parser gives up on the message, so a hostile body is not read again and again.
    const max: Record<string, unknown> = { signatureCheckedAt: candidate.at };
    if (body.content) {
      try {
        const parsed = await this.parse({
          body,
          sender: { name: candidate.name, address: email },
          defaultRegion: this.defaultRegion,
        });
        if ('skipped' in parsed) {
          this.skipped += 1;
          // Nothing of the message or its sender: only that one was skipped, and why.
          this.log.warn(
            { reason: parsed.skipped },
            'signature not read: the message was skipped by the parser',
          );
        } else {
          Object.assign(max, signatureUpdate(parsed, candidate.at));
        }
      } catch (err) {
        this.log.warn({ err: (err as Error).name }, 'signature could not be parsed');
      }
    }
    await contacts(this.db).updateOne({ _id: contactId(scope.orgId, email) }, { $max: max });
    // The company takes the name its people sign with over the one guessed from its domain.
    // Free-mail domains have no company document, so nothing matches there.
    if (max.company) {
      const company = await companies(this.db).findOneAndUpdate(
        { _id: companyId(scope.orgId, email.split('@')[1]!) },
        { $max: { name: max.company as string } },
        { returnDocument: 'after' },
      );
      // Search finds the company by the name its people sign with, too.
      if (company) await indexEntries(this.db, companyPlacements(company));
    }
  }

  private isDue(doc: ContactDoc | null, at: Date): boolean {
    const checked = doc?.signatureCheckedAt?.getTime();
    if (checked === undefined) return true;
    return at.getTime() > checked + this.refreshMs;
  }
}

/** `$max` of dated strings per field: the newer observation wins, field by field. */
export function signatureUpdate(fields: ParsedSignature, at: Date): Record<string, unknown> {
  const max: Record<string, unknown> = {};
  for (const key of ['name', 'title', 'department', 'company', 'address', 'url'] as const) {
    const value = fields[key]?.trim();
    if (value) max[`signature.${key}`] = dated(at, value);
  }
  if (fields.phones.length > 0) max['signature.phones'] = dated(at, JSON.stringify(fields.phones));
  // A company read from a signature beats the name guessed from the domain.
  if (fields.company?.trim()) max.company = ranked(1, at, fields.company.trim());
  return max;
}
