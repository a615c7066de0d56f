import { spawn, type ChildProcess } from 'node:child_process';
import { mailpitTool, toolBinary } from './go-tools';

/**
 * Mailpit, a real SMTP server with a message API, standing in for the company's mail relay in
 * development and tests: the product sends to it over SMTP exactly as to a real relay.
 */
export interface RunningMailpit {
  smtpUrl: string;
  /** Mailpit's HTTP API (/api/v1/messages, /api/v1/search) and pages. */
  httpUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startMailpit(options: {
  smtpPort: number;
  httpPort: number;
  /** Where messages are kept; a temporary file when not given. */
  databaseFile?: string;
}): Promise<RunningMailpit> {
  const args = [
    '--smtp',
    `127.0.0.1:${options.smtpPort}`,
    '--listen',
    `127.0.0.1:${options.httpPort}`,
    '--disable-version-check',
    '--quiet',
    ...(options.databaseFile ? ['--database', options.databaseFile] : []),
  ];
  const child = spawn(toolBinary(mailpitTool), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const httpUrl = `http://127.0.0.1:${options.httpPort}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `Mailpit exited (${child.exitCode}) before it was ready: ${output.trim().split('\n').pop() ?? ''}`,
      );
    const up = await fetch(`${httpUrl}/api/v1/info`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Mailpit did not answer on ${httpUrl} within 30 s: ${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`, httpUrl, process: child, stop };
}
