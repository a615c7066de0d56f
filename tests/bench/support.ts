import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDb } from '../../scripts/lib/embedded-db';
import { freePort } from '../../scripts/lib/ports';
import type { TestEmulator } from '../support/emulator';
import { runScript } from '../support/processes';

/** The database a benchmark writes to: MONGODB_URI when set (measure MongoDB), else a fresh embedded one. */
export async function benchDatabase(): Promise<{
  uri: string;
  label: string;
  /** the embedded server's process id; none for MONGODB_URI */
  pid?: number;
  /** where the embedded server keeps its SQLite files (one per database); none for MONGODB_URI */
  dataDir?: string;
  stop(): Promise<void>;
}> {
  if (process.env.MONGODB_URI)
    return { uri: process.env.MONGODB_URI, label: 'MongoDB (MONGODB_URI)', stop: async () => undefined };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sam-bench-db-'));
  const db = await startEmbeddedDb({ port: await freePort(), dataDir: dir });
  return {
    uri: db.uri,
    label: 'embedded (FerretDB 1.24 on SQLite)',
    pid: db.process.pid,
    dataDir: dir,
    async stop() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Microsoft 365 emulator in its own process, so its CPU does not count as ours. */
export async function emulatorProcess(options: {
  users: number;
  messagesPerUser: number;
  /** more tenants ("Customer 01"…), each with an admin and `usersPerTenant` users */
  tenants?: number;
  usersPerTenant?: number;
}): Promise<TestEmulator> {
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--users',
    String(options.users),
    '--messages-per-user',
    String(options.messagesPerUser),
    '--tenants',
    String(options.tenants ?? 0),
    '--users-per-tenant',
    String(options.usersPerTenant ?? 0),
  ];
  const emulator = runScript('emulator/cli.ts', {}, args);
  await emulator.waitForOutput(/listening on/, 60_000);
  const url = `https://localhost:${port}`;
  const scenario = await (await fetch(`${url}/_emulator/scenario`)).json();
  return {
    url,
    scenario,
    async stop() {
      emulator.child.kill('SIGTERM');
      await emulator.exited;
    },
  } as TestEmulator;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

export function table(rows: Array<Record<string, string | number>>): string {
  const keys = Object.keys(rows[0] ?? {});
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [
    line(keys),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(keys.map((k) => String(r[k])))),
  ].join('\n');
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 where there is no /proc. */
export function processCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Busy and total CPU time of the whole machine so far (all cores), in clock ticks. */
export function machineCpuTicks(): { busy: number; total: number } {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const ticks = values.map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Milliseconds for one GET with a bearer token; rejects on any status but 200. */
export function timedGet(agent: https.Agent, url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    https
      .get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      })
      .on('error', reject);
  });
}
