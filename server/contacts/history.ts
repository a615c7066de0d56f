import type { Db } from 'mongodb';
import { z } from 'zod';
import type { ContactPointsResponse } from '../../shared/api';
import {
  bucketEntries,
  contactId,
  contacts,
  timelineId,
  timelines,
  type TimelineEntry,
} from '../extraction/documents';
import { badRequest } from '../http/errors';
import { colleagueNames, quartersNewestFirst, toTimelineItem } from './views';

/**
 * A person's contact history, newest first, a page at a time: the quarters' timeline buckets are
 * read in turn (point reads by `_id`), and the cursor names the quarter and position the next
 * page starts at.
 */

const historyPageSize = 50;
const cursorShape = z.object({
  q: z.string().regex(/^\d{4}-Q[1-4]$/),
  o: z.number().int().min(0).max(1_000_000),
});

export async function historyPage(
  db: Db,
  orgId: string,
  email: string,
  cursor: string | undefined,
  keepSubjects: boolean,
): Promise<ContactPointsResponse> {
  const contact = await contacts(db).findOne({ _id: contactId(orgId, email) });
  if (!contact) return { hiddenByDisplaySetting: false, items: [], nextCursor: null };

  let position = { q: quartersNewestFirst(contact)[0] ?? '', o: 0 };
  if (cursor) {
    try {
      position = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    } catch {
      throw badRequest('invalid_cursor', 'The cursor is not valid.');
    }
  }
  const quarters = quartersNewestFirst(contact).filter((q) => q <= position.q);
  const items: TimelineEntry[] = [];
  let next: { q: string; o: number } | null = null;
  for (const quarter of quarters) {
    const bucket = await timelines(db).findOne({ _id: timelineId(orgId, email, quarter) });
    const entries = bucketEntries(bucket?.entries);
    const from = quarter === position.q ? position.o : 0;
    const room = historyPageSize - items.length;
    items.push(...entries.slice(from, from + room));
    if (from + room < entries.length) {
      next = { q: quarter, o: from + room };
      break;
    }
    if (items.length >= historyPageSize) {
      const later = quarters[quarters.indexOf(quarter) + 1];
      next = later ? { q: later, o: 0 } : null;
      break;
    }
  }
  const names = await colleagueNames(db, contact, items);
  return {
    hiddenByDisplaySetting: false,
    items: items.map((e) => toTimelineItem(e, names, keepSubjects)),
    nextCursor: next ? Buffer.from(JSON.stringify(next)).toString('base64url') : null,
  };
}
