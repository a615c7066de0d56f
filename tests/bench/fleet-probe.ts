import { messageKeyOf } from '../../server/extraction/contact-points';
import { contactPoints as contactPointsOf, contactPointId } from '../../server/extraction/documents';
import type { MailMessage } from '../../server/extraction/message';
import type { TestApp } from '../support/app';
import { control, type TestEmulator } from '../support/emulator';
import type { FleetOrg } from './fleet-setup';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** New mail for the active mailboxes during the backfill, one every four seconds, and when each is stored. */
export class ProbeMail {
  readonly latencies: number[] = [];
  private readonly pending: Array<{ id: string; at: number }> = [];
  private next = Date.now() + 3_000;
  private n = 0;

  constructor(
    private readonly app: TestApp,
    private readonly emulator: TestEmulator,
    private readonly org: FleetOrg,
  ) {}

  async tick(): Promise<void> {
    if (Date.now() >= this.next) {
      const userId = this.org.mailboxes[this.n++ % this.org.mailboxes.length]!;
      const m = await control<{ internetMessageId: string }>(
        this.emulator,
        'POST',
        `mailboxes/${userId}/messages`,
        {},
      );
      const key = messageKeyOf({ internetMessageId: m.internetMessageId, id: '' } as MailMessage);
      this.pending.push({ id: contactPointId(this.org.orgId, userId, key), at: Date.now() });
      this.next += 4_000;
    }
    for (const p of [...this.pending]) {
      const stored = await contactPointsOf(this.app.database.db).findOne({ _id: p.id });
      if (!stored) continue;
      this.latencies.push(stored.storedAt.getTime() - p.at);
      this.pending.splice(this.pending.indexOf(p), 1);
    }
  }

  async settle(ms: number): Promise<void> {
    const until = Date.now() + ms;
    this.next = Infinity;
    while (this.pending.length > 0 && Date.now() < until) {
      await this.tick();
      await sleep(500);
    }
  }
}
