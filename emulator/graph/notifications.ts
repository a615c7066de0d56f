import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import tls from 'node:tls';
import type { DirectoryUser } from '../scenario/directory';
import type { FolderName } from '../scenario/mailbox';
import type { EmulatorState, Subscription } from '../state';
import { GraphError } from './http';

/**
 * Graph calling the app: the validation handshake on notificationUrl and
 * lifecycleNotificationUrl, change notifications when mail arrives, and lifecycle events.
 */

interface Reply {
  status: number;
  contentType: string;
  text: string;
}

function post(
  state: EmulatorState,
  url: string,
  body: string,
  contentType: string,
  timeoutMs: number,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'http:' ? http : https;
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': contentType,
          'Content-Length': Buffer.byteLength(body),
          'User-Agent': 'Microsoft-Graph-Emulator/1.0',
        },
        timeout: timeoutMs,
        ...(target.protocol === 'https:'
          ? { ca: [...tls.rootCertificates, ...state.trustedCa.map(String)] }
          : {}),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The handshake: POST url?validationToken=…, expecting 200 text/plain with the token within 10 s. */
export async function validateEndpoint(state: EmulatorState, url: string): Promise<void> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const target = new URL(url);
  target.searchParams.set('validationToken', token);
  const failed = (why: string) =>
    new GraphError(400, 'ValidationError', `Subscription validation request failed. ${why}`);
  let reply: Reply;
  try {
    reply = await post(state, target.toString(), '', 'text/plain; charset=utf-8', 10_000);
  } catch (err) {
    throw failed(
      `Notification endpoint must respond with 200 OK to validation request. (${(err as Error).message})`,
    );
  }
  if (reply.status !== 200)
    throw failed('Notification endpoint must respond with 200 OK to validation request.');
  if (!reply.contentType.toLowerCase().startsWith('text/plain')) {
    throw failed("Response Content-Type must be 'text/plain'.");
  }
  if (reply.text !== token) throw failed('Response must exactly match validationToken query parameter.');
}

async function deliver(state: EmulatorState, sub: Subscription, url: string, kind: string, payload: unknown) {
  const body = JSON.stringify(payload);
  for (let attempt = 0; attempt < 3; attempt++) {
    let status: number | string;
    try {
      status = (await post(state, url, body, 'application/json; charset=utf-8', 3_000)).status;
    } catch (err) {
      status = (err as Error).message;
    }
    sub.deliveries.push({ at: new Date().toISOString(), kind, url, status });
    if (typeof status === 'number' && status >= 200 && status < 300) return status;
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
  return 'failed';
}

function active(sub: Subscription): boolean {
  return Date.parse(sub.expirationDateTime) > Date.now();
}

/** Sends change notifications to every live subscription on the user's messages (or folder). */
export function notifyChange(
  state: EmulatorState,
  user: DirectoryUser,
  messageId: string,
  folder: FolderName,
  changeType: 'created' | 'updated' | 'deleted',
): void {
  for (const sub of state.subscriptions.values()) {
    if (sub.userId !== user.id || !active(sub)) continue;
    if (sub.folder && sub.folder !== folder) continue;
    if (
      !sub.changeType
        .split(',')
        .map((s) => s.trim())
        .includes(changeType)
    )
      continue;
    const resource = `Users/${user.id}/Messages/${messageId}`;
    const payload = {
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          changeType,
          resource,
          resourceData: {
            '@odata.type': '#Microsoft.Graph.Message',
            '@odata.id': resource,
            '@odata.etag': `W/"CQAAABYAAAA${Buffer.from(messageId.slice(-8)).toString('base64')}"`,
            id: messageId,
          },
          clientState: sub.clientState ?? null,
          tenantId: sub.tenantId,
        },
      ],
    };
    void deliver(state, sub, sub.notificationUrl, `change:${changeType}`, payload);
  }
}

export async function sendLifecycleEvent(state: EmulatorState, sub: Subscription, event: string) {
  if (!sub.lifecycleNotificationUrl) {
    throw new GraphError(400, 'BadRequest', 'The subscription has no lifecycleNotificationUrl.');
  }
  const payload = {
    value: [
      {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: sub.expirationDateTime,
        tenantId: sub.tenantId,
        clientState: sub.clientState ?? null,
        lifecycleEvent: event,
        resource: sub.resource,
      },
    ],
  };
  if (event === 'subscriptionRemoved') state.subscriptions.delete(sub.id);
  return deliver(state, sub, sub.lifecycleNotificationUrl, `lifecycle:${event}`, payload);
}
