import path from 'node:path';
import { parseSignature } from '../../../server/extraction/signatures';
import { SignatureParsePool } from '../../../server/extraction/signatures/parse-pool';
import { adversarialBodies } from '../../support/adversarial-bodies';
import { STUCK_MARKER } from '../../support/stuck-parse-worker';

const sender = { name: 'Bob Jones', address: 'bob.jones@contoso.com' };
const ordinary = {
  body: 'Agreed, see you on Monday.\n\nThanks,\nBob Jones\nSales Manager\nContoso Ltd.\nTel: +1 425 555 0100',
  contentType: 'text' as const,
  sender,
};

/** CPU time of this process, so that other processes on a loaded machine do not count. */
function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('hostile message bodies', () => {
  // Far above what any of them takes (tens of milliseconds), far below what one pattern with
  // catastrophic backtracking takes on them (seconds to hours): the test tells the two apart.
  const BUDGET_MS = 1000;

  it.each(adversarialBodies().map((body) => [body.name, body] as const))(
    'parses %s within a small CPU budget',
    (_name, body) => {
      // A collection of this worker's heap (large after the suites before it) can land inside one
      // parse and cost more than the parse itself; a pattern that backtracks is slow every time.
      // So a body gets up to three tries, and the fastest counts.
      let ms = Number.POSITIVE_INFINITY;
      for (let attempt = 0; attempt < 3 && ms >= BUDGET_MS; attempt += 1) {
        ms = Math.min(
          ms,
          cpuMs(() => parseSignature({ body: body.body, contentType: body.contentType, sender })),
        );
      }
      expect(ms).toBeLessThan(BUDGET_MS);
    },
  );
});

describe('the signature parse pool', () => {
  it('parses in a worker thread exactly as in this one', async () => {
    const pool = new SignatureParsePool();
    try {
      const outcome = await pool.parse(ordinary);
      expect(outcome).toEqual({ status: 'parsed', result: parseSignature(ordinary), ms: expect.any(Number) });
    } finally {
      await pool.close();
    }
  });

  it('skips a message that overruns its budget, replaces the thread and goes on with the next', async () => {
    // The production budget: ordinary messages stay far below it even on a loaded machine.
    const pool = new SignatureParsePool({
      workerModule: path.resolve(__dirname, '../../support/stuck-parse-worker.ts'),
    });
    try {
      const [before, stuck, after] = await Promise.all([
        pool.parse(ordinary),
        pool.parse({ ...ordinary, body: `${STUCK_MARKER}\n${ordinary.body}` }),
        pool.parse(ordinary),
      ]);
      expect(before.status).toBe('parsed');
      expect(stuck).toMatchObject({ status: 'skipped', reason: 'budget' });
      expect(after).toMatchObject({ status: 'parsed', result: parseSignature(ordinary) });
    } finally {
      await pool.close();
    }
  });
});
