/**
 * A parse thread that never finishes a message containing STUCK_MARKER (standing for a body that
 * defeats every bound) and parses anything else with the real parser, as parse-worker.ts does.
 */
import { parentPort } from 'node:worker_threads';
import { parseSignature, type SignatureInput } from '../../server/extraction/signatures';

export const STUCK_MARKER = 'NEVER-ENDING';

const port = parentPort;
if (port) {
  port.on('message', (message: { id: number; input: SignatureInput }) => {
    if (message.input.body.includes(STUCK_MARKER)) for (;;);
    port.postMessage({ id: message.id, result: parseSignature(message.input) });
  });
  port.postMessage({ ready: true });
}
