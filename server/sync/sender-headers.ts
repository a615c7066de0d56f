import type { ExtractedContactPoint } from '../extraction/contact-points';
import { hasBulkHeaders } from '../extraction/contact-points';
import type { Logger } from '../log';
import type { MailMessage } from '../extraction/message';
import type { MailboxDriver } from './driver';

/** Header reads one run may make; past it, senders are judged by their address alone. */
export const maxHeaderReadsPerRun = 2_000;

/**
 * List and automated mail when the change feed carries no internet headers. Graph's
 * documentation does not settle whether message delta returns `internetMessageHeaders`; when it
 * does not, the from-address rules (no-reply, mailer-daemon, …) still run during extraction, and
 * for every other sender of a received message this reads the headers of one of their messages
 * once per run: a sender whose mail carries List-Id, Precedence: bulk or Auto-Submitted sends
 * lists or machine mail, and all their messages of the run are left out. The reads are bounded:
 * one per sender, at most `maxHeaderReadsPerRun` per run.
 */
export class SenderHeaders {
  private readonly bulkSender = new Map<string, boolean>();
  private reads = 0;
  private warned = false;

  constructor(
    private readonly driver: MailboxDriver,
    private readonly log: Logger,
    private readonly context: { integrationId: string },
    private readonly maxReads = maxHeaderReadsPerRun,
  ) {}

  /** Whether this point needs a header verdict before it may be stored. */
  static undecided(message: MailMessage, point: ExtractedContactPoint): boolean {
    return message.headers === null && point.direction === 'received';
  }

  /** The points whose senders turn out to be people, after reading headers where still unknown. */
  async keepPeople(
    candidates: Array<{ message: MailMessage; point: ExtractedContactPoint }>,
    signal: AbortSignal,
  ): Promise<ExtractedContactPoint[]> {
    const senderOf = (message: MailMessage) => message.from!.address.trim().toLowerCase();
    const sample = new Map<string, string>(); // sender → a message id whose headers decide
    for (const { message } of candidates) {
      const sender = senderOf(message);
      if (!this.bulkSender.has(sender) && !sample.has(sender)) sample.set(sender, message.id);
    }
    const allowed = Math.max(0, this.maxReads - this.reads);
    const toRead = [...sample.entries()].slice(0, allowed);
    if (toRead.length < sample.size && !this.warned) {
      this.warned = true;
      this.log.warn(
        { ...this.context, limit: this.maxReads },
        'header reads per run exhausted: remaining senders judged by address only',
      );
    }
    if (toRead.length > 0) {
      this.reads += toRead.length;
      const headers = await this.driver.readHeaders(
        toRead.map(([, id]) => id),
        signal,
      );
      for (const [sender, id] of toRead) {
        const found = headers.get(id);
        // A message whose headers could not be read decides nothing: try another one next time.
        if (found) this.bulkSender.set(sender, hasBulkHeaders(found));
      }
    }
    return candidates
      .filter(({ message }) => this.bulkSender.get(senderOf(message)) !== true)
      .map(({ point }) => point);
  }
}
