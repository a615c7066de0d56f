import type { Db } from 'mongodb';
import type { ExtractedContactPoint } from '../extraction/contact-points';
import { parseSignature } from '../extraction/signatures';
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

/** Fields a signature parser extracts; anything absent stays as it was on the contact. */
export interface ParsedSignature {
  name?: string;
  title?: string;
  department?: string;
  company?: string;
  phones: Array<{ type: string; number: string }>;
  address?: string;
  url?: string;
}

export type SignatureParser = (input: {
  body: MessageBody;
  sender: { name: string; address: string };
  /** ISO country for phone numbers without a country code, when the sender's domain does not tell */
  defaultRegion?: string;
}) => ParsedSignature;

/** The product's parser (server/extraction/signatures) in the shape the hook calls. */
export const parseSignatureFromBody: SignatureParser = ({ body, sender, defaultRegion }) => {
  const { fields } = parseSignature({
    body: body.content,
    contentType: body.contentType,
    sender,
    defaultRegion,
  });
  return { ...fields, phones: fields.phones.map((p) => ({ type: p.type, number: p.number })) };
};

/** The country of a mailbox's own address, for a colleague in Japan reading a .com sender's local number. */
export function regionOfAddress(address: string | null): string | undefined {
  const tld = address?.split('.').pop()?.toLowerCase();
  if (!tld || tld.length !== 2) return undefined;
  return tld === 'uk' ? 'GB' : tld.toUpperCase();
}

/**
 * Reads the signature of each external sender from their newest message. During a run it only
 * collects, per sender, the newest received message; at the end of the run it fetches the bodies
 * of those that are newer than the last one parsed (plus a refresh period), so an initial sync of
 * years of mail fetches one body per sender, not one per message. Bodies are never stored: only
 * the parsed fields, each with the time of its message, so a newer signature replaces older fields
 * field by field.
 */
export class SignatureHook {
  private readonly newest = new Map<string, { at: Date; messageId: string; name: string }>();

  constructor(
    private readonly db: Db,
    private readonly driver: MailboxDriver,
    private readonly parse: SignatureParser,
    private readonly refreshMs: number,
    private readonly log: Logger,
    private readonly defaultRegion?: string,
  ) {}

  collect(points: ExtractedContactPoint[]): void {
    for (const p of points) {
      const s = p.externalSender;
      if (!s) continue;
      const seen = this.newest.get(s.email);
      if (!seen || p.occurredAt > seen.at)
        this.newest.set(s.email, { at: p.occurredAt, messageId: p.graphMessageId, name: s.name });
    }
  }

  async flush(scope: MailboxScope, signal: AbortSignal): Promise<number> {
    const candidates = [...this.newest.entries()];
    this.newest.clear();
    if (candidates.length === 0) return 0;
    const docs = await Promise.all(
      candidates.map(([email]) => contacts(this.db).findOne({ _id: contactId(scope.orgId, email) })),
    );
    const due = candidates.filter(([, candidate], i) => this.isDue(docs[i] ?? null, candidate.at));
    for (let i = 0; i < due.length; i += 20) {
      const chunk = due.slice(i, i + 20);
      const bodies = await this.driver.readBodies(
        chunk.map(([, c]) => c.messageId),
        signal,
      );
      await Promise.all(
        chunk.map(([email, candidate]) =>
          this.store(scope, email, candidate, bodies.get(candidate.messageId)),
        ),
      );
    }
    return due.length;
  }

  private async store(
    scope: MailboxScope,
    email: string,
    candidate: { at: Date; name: string },
    body: MessageBody | undefined,
  ) {
    const max: Record<string, unknown> = { signatureCheckedAt: candidate.at };
    if (body) {
      try {
        Object.assign(
          max,
          signatureUpdate(
            this.parse({
              body,
              sender: { name: candidate.name, address: email },
              defaultRegion: this.defaultRegion,
            }),
            candidate.at,
          ),
        );
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'signature could not be parsed');
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
