import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { devCerts } from '../../scripts/lib/certs';
import { CONTOSO_TENANT_ID } from '../index';
import {
  appToken,
  control,
  graph,
  startTestEmulator,
  tenant,
  trustDevelopmentCa,
  type Json,
  type TestEmulator,
} from './support/emulator';

trustDevelopmentCa();

/** A stand-in for the product's webhook endpoint: answers validation, records notifications. */
interface Received {
  path: string;
  validationToken: string | null;
  body: Json;
}
let receiver: https.Server;
let receiverUrl: string;
const received: Received[] = [];
let emulator: TestEmulator;
let token: string;

beforeAll(async () => {
  receiver = https.createServer(
    { cert: readFileSync(devCerts.cert), key: readFileSync(devCerts.key) },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'https://x');
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const validationToken = url.searchParams.get('validationToken');
        received.push({ path: url.pathname, validationToken, body: text ? JSON.parse(text) : null });
        if (url.pathname === '/broken') return res.writeHead(500).end();
        if (validationToken) return res.writeHead(200, { 'content-type': 'text/plain' }).end(validationToken);
        res.writeHead(202).end();
      });
    },
  );
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `https://localhost:${(receiver.address() as AddressInfo).port}`;
  emulator = await startTestEmulator({ messagesPerUser: 100 });
  token = await appToken(emulator, CONTOSO_TENANT_ID);
});
afterAll(async () => {
  await emulator.stop();
  await new Promise((r) => receiver.close(r));
});

async function until<T>(find: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('subscription: handshake on both URLs, a change notification on new mail, and lifecycle events', async () => {
  const user = tenant(emulator, 'Contoso').users.find((u) => u.displayName === 'Priya Shah')!;
  const expirationDateTime = new Date(Date.now() + 3600_000).toISOString();
  const created = await graph(emulator, token, '/subscriptions', {
    method: 'POST',
    body: JSON.stringify({
      changeType: 'created',
      notificationUrl: `${receiverUrl}/notify`,
      lifecycleNotificationUrl: `${receiverUrl}/lifecycle`,
      resource: `/users/${user.id}/mailFolders('inbox')/messages`,
      expirationDateTime,
      clientState: 'secret-state',
    }),
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    changeType: 'created',
    clientState: 'secret-state',
    applicationId: emulator.scenario.app.clientId,
  });
  const validations = received.filter((r) => r.validationToken);
  expect(validations.map((v) => v.path).sort()).toEqual(['/lifecycle', '/notify']);
  expect(validations[0]!.validationToken).toMatch(/^Validation: Testing client application reachability/);

  const message = await control<{ id: string }>(emulator, 'POST', `mailboxes/${user.id}/messages`, {});
  const notification = await until(() => received.find((r) => r.path === '/notify' && r.body));
  expect(notification.body).toEqual({
    value: [
      {
        subscriptionId: created.body.id,
        subscriptionExpirationDateTime: created.body.expirationDateTime,
        changeType: 'created',
        resource: `Users/${user.id}/Messages/${message.id}`,
        resourceData: {
          '@odata.type': '#Microsoft.Graph.Message',
          '@odata.id': `Users/${user.id}/Messages/${message.id}`,
          '@odata.etag': expect.stringMatching(/^W\/"/),
          id: message.id,
        },
        clientState: 'secret-state',
        tenantId: CONTOSO_TENANT_ID,
      },
    ],
  });
  const fetched = await graph(emulator, token, `/users/${user.id}/messages/${message.id}?$select=subject`);
  expect(fetched.status).toBe(200);

  for (const event of ['reauthorizationRequired', 'missed']) {
    await control(emulator, 'POST', `subscriptions/${created.body.id}/lifecycle`, { event });
    const lifecycle = await until(() =>
      received.find((r) => r.path === '/lifecycle' && r.body?.value[0].lifecycleEvent === event),
    );
    expect(lifecycle.body.value[0]).toMatchObject({
      subscriptionId: created.body.id,
      clientState: 'secret-state',
      tenantId: CONTOSO_TENANT_ID,
    });
  }
  expect(
    (await graph(emulator, token, `/subscriptions/${created.body.id}/reauthorize`, { method: 'POST' }))
      .status,
  ).toBe(204);
  const renewed = await graph(emulator, token, `/subscriptions/${created.body.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ expirationDateTime: new Date(Date.now() + 2 * 86400_000).toISOString() }),
  });
  expect(renewed.status).toBe(200);
  expect(
    (await graph(emulator, token, `/subscriptions/${created.body.id}`, { method: 'DELETE' })).status,
  ).toBe(204);
  expect((await graph(emulator, token, '/subscriptions')).body.value).toEqual([]);
});

test('subscription creation fails when validation fails or the expiration is beyond 10080 minutes', async () => {
  const user = tenant(emulator, 'Contoso').users.find((u) => u.displayName === 'Marcus Lee')!;
  const base = { changeType: 'created', resource: `users/${user.id}/messages`, clientState: 'x' };
  const broken = await graph(emulator, token, '/subscriptions', {
    method: 'POST',
    body: JSON.stringify({
      ...base,
      notificationUrl: `${receiverUrl}/broken`,
      expirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
    }),
  });
  expect(broken.status).toBe(400);
  expect(broken.body.error.code).toBe('ValidationError');
  const tooLong = await graph(emulator, token, '/subscriptions', {
    method: 'POST',
    body: JSON.stringify({
      ...base,
      notificationUrl: `${receiverUrl}/notify`,
      expirationDateTime: new Date(Date.now() + 10081 * 60_000).toISOString(),
    }),
  });
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.error.message).toContain('10080 minutes');
});
