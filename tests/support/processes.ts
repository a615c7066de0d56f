import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import { devCerts } from '../../scripts/lib/certs';

export const projectRoot = path.resolve(__dirname, '../..');

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

/** Runs one of the project's TypeScript entry points the way npm scripts do, capturing its output. */
export function runScript(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    waiters.forEach((w) => w());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(
          () => reject(new Error(`Timed out waiting for ${pattern} in:\n${output}`)),
          timeoutMs,
        );
        waiters.push(check);
        void exited.then(() => {
          check();
          reject(new Error(`Process exited before ${pattern} appeared:\n${output}`));
        });
        check();
      });
    },
  };
}

/** GET over HTTPS trusting the local development CA (as NODE_EXTRA_CA_CERTS does for the product). */
export function httpsGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ca = [...tls.rootCertificates, readFileSync(devCerts.caCert, 'utf8')];
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}
