import type { Db } from 'mongodb';
import { integrations, type IntegrationDoc } from '../integrations/store';

/** A sender whose newest message of a mailbox was stored but whose signature was not read yet. */
export interface OwedSignature {
  email: string;
  messageId: string;
  at: Date;
  name: string;
  /** Runs that asked for the body and did not get it (still throttled, or the message is gone). */
  tries?: number;
}

/** After this many runs without the body, a sender waits for their next message instead. */
export const MAX_READ_TRIES = 3;

/**
 * The signatures a run of one mailbox still owed when it stopped (the worker shutting down, the
 * mailbox's request budget spent, the lease lost) or died (kept before every folder position the
 * run saves, so a killed worker loses none). Their messages are stored and the folder's
 * position is past them, so no later run sees them again: the next run of the mailbox reads them
 * from here. _id = the integration's _id; `generation` is the integration's when written, so a
 * restarted or unlinked mailbox does not take up what an earlier life of it owed.
 */
export interface SignatureBacklogDoc {
  _id: string;
  orgId: string;
  tenantId: string;
  generation: number;
  owed: OwedSignature[];
  savedAt: Date;
}

/** Enough for the senders of a large initial sync; the newest are kept when there are more. */
export const MAX_OWED = 50_000;

export const signatureBacklog = (db: Db) => db.collection<SignatureBacklogDoc>('signatureBacklog');

export type BackloggedMailbox = Pick<IntegrationDoc, '_id' | 'orgId' | 'tenantId' | 'generation'>;

/**
 * What earlier runs of this mailbox (this generation) left owed; null when there is no backlog. A
 * backlog an earlier life of the mailbox left is removed, so nothing of it is added to.
 */
export async function owedSignatures(db: Db, mailbox: BackloggedMailbox): Promise<OwedSignature[] | null> {
  const doc = await signatureBacklog(db).findOne({ _id: mailbox._id });
  if (!doc) return null;
  if (doc.orgId === mailbox.orgId && doc.generation === mailbox.generation) return doc.owed;
  await forgetOwed(db, mailbox._id);
  return null;
}

/**
 * Adds senders to the mailbox's backlog (creating it), as a run goes: what a run replaces at its
 * end. Like `keepOwed`, nothing stays for a mailbox unlinked, restarted or detached under the run.
 */
export async function addOwed(db: Db, mailbox: BackloggedMailbox, owed: OwedSignature[]): Promise<void> {
  await signatureBacklog(db).updateOne(
    { _id: mailbox._id },
    {
      $push: { owed: { $each: owed } },
      $set: {
        orgId: mailbox.orgId,
        tenantId: mailbox.tenantId,
        generation: mailbox.generation,
        savedAt: new Date(),
      },
    },
    { upsert: true },
  );
  await forgetUnlessOfThisLife(db, mailbox);
}

async function forgetUnlessOfThisLife(db: Db, mailbox: BackloggedMailbox): Promise<void> {
  const current = await integrations(db).findOne({ _id: mailbox._id });
  const ofThisLife =
    current?.generation === mailbox.generation &&
    current.status !== 'unlinked' &&
    current.orgId === mailbox.orgId;
  if (!ofThisLife) await forgetOwed(db, mailbox._id);
}

/**
 * Replaces the mailbox's backlog with what is owed now (removes it when nothing is). Nothing stays
 * kept for a mailbox unlinked, restarted or detached under the run: the integration is checked
 * after the write, so a detach that removed the backlogs just before it is still seen. Returns how
 * many were dropped over the limit.
 */
export async function keepOwed(db: Db, mailbox: BackloggedMailbox, owed: OwedSignature[]): Promise<number> {
  if (owed.length === 0) {
    await forgetOwed(db, mailbox._id);
    return 0;
  }
  const kept = [...owed].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, MAX_OWED);
  await signatureBacklog(db).replaceOne(
    { _id: mailbox._id },
    {
      orgId: mailbox.orgId,
      tenantId: mailbox.tenantId,
      generation: mailbox.generation,
      owed: kept,
      savedAt: new Date(),
    },
    { upsert: true },
  );
  await forgetUnlessOfThisLife(db, mailbox);
  return owed.length - kept.length;
}

export async function forgetOwed(db: Db, integrationId: string): Promise<void> {
  await signatureBacklog(db).deleteOne({ _id: integrationId });
}

/** A directory leaving its organisation takes its mailboxes' backlogs (senders' addresses) along. */
export async function forgetDirectoryOwed(db: Db, orgId: string, tenantId: string): Promise<void> {
  await signatureBacklog(db).deleteMany({ orgId, tenantId });
}
