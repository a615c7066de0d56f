/**
 * The body of a signature-parsing thread (parse-pool.ts): parses what it is sent and answers.
 * It says "ready" once its modules are loaded, so that no message's time budget pays for start-up.
 */
import { parentPort } from 'node:worker_threads';
import { parseSignature } from './index';
import type { SignatureInput } from './types';

if (!parentPort) throw new Error('parse-worker.ts runs only as a worker thread');
const port = parentPort;

port.on('message', (message: { id: number; input: SignatureInput }) => {
  try {
    port.postMessage({ id: message.id, result: parseSignature(message.input) });
  } catch (error) {
    port.postMessage({ id: message.id, error: (error as Error).name });
  }
});
port.postMessage({ ready: true });
