import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from './paths';

/**
 * Runs the product's processes side by side for `npm start`: prefixes their output with their
 * name, stops all of them when one dies or when the person presses Ctrl-C, and leaves nothing
 * running behind.
 */

const tty = process.stdout.isTTY === true;
const colours = tty ? ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'] : [''];
const reset = tty ? '\x1b[0m' : '';

export interface Supervised {
  name: string;
  process: ChildProcess;
  /** Order of stopping: lower first (the database stops last). */
  stopOrder: number;
}

export class Supervisor {
  private readonly children: Supervised[] = [];
  private stopping = false;
  private readonly colour = new Map<string, string>();

  constructor(private readonly onFatal: (message: string) => void) {
    process.on('SIGINT', () => void this.stopAll('Ctrl-C').then(() => process.exit(0)));
    process.on('SIGTERM', () => void this.stopAll('SIGTERM').then(() => process.exit(0)));
  }

  /** Starts a TypeScript entry point of the project in its own Node process. */
  startNode(name: string, entry: string, env: NodeJS.ProcessEnv, stopOrder = 0): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.adopt(name, child, stopOrder);
    return child;
  }

  adopt(name: string, child: ChildProcess, stopOrder = 0): void {
    this.colour.set(name, colours[this.children.length % colours.length]!);
    this.children.push({ name, process: child, stopOrder });
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = '';
      stream?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) this.print(name, line);
      });
    }
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.onFatal(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`);
      void this.stopAll('failure').then(() => process.exit(1));
    });
  }

  private print(name: string, line: string): void {
    if (line.trim() === '') return;
    const tag = `${this.colour.get(name)}${name.padEnd(8)}${reset}│ `;
    process.stdout.write(tag + humanise(line) + '\n');
  }

  async stopAll(reason: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (reason !== 'failure') console.log(`\nStopping (${reason})…`);
    const orders = [...new Set(this.children.map((c) => c.stopOrder))].sort((a, b) => a - b);
    for (const order of orders) {
      await Promise.all(this.children.filter((c) => c.stopOrder === order).map((c) => stopChild(c.process)));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const levels: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

/** Turns a pino JSON line into one short readable line; other lines pass through. */
function humanise(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const { level, msg, ...fields } = entry;
    const rest = Object.entries(fields).filter(
      ([k]) => !['time', 'pid', 'hostname', 'name', 'process'].includes(k),
    );
    const details = rest
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ');
    return `${levels[level as number] ?? level} ${String(msg ?? '')} ${details}`.trimEnd();
  } catch {
    return line;
  }
}
