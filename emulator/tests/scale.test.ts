import { Client } from '@microsoft/microsoft-graph-client';
import {
  appToken,
  control,
  startTestEmulator,
  trustDevelopmentCa,
  type TestEmulator,
} from './support/emulator';

trustDevelopmentCa();

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ messagesPerUser: 40, extraTenants: { count: 3, usersPerTenant: 4 } });
});
afterAll(() => emulator.stop());

test('more tenants for scale: each its own company with an admin, its own users and mailboxes', async () => {
  const customers = emulator.scenario.tenants.filter((t) => t.displayName.startsWith('Customer '));
  expect(customers.map((t) => [t.displayName, t.verifiedDomains[0], t.users.length])).toEqual([
    ['Customer 01', 'customer01.com', 5],
    ['Customer 02', 'customer02.com', 5],
    ['Customer 03', 'customer03.com', 5],
  ]);
  const ids = emulator.scenario.tenants.flatMap((t) => [t.id, ...t.users.map((u) => u.id)]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const t of customers) expect(t.users.filter((u) => u.isAdmin)).toHaveLength(1);

  // A customer's mailbox answers Graph like any other, once its admin has consented.
  const customer = customers[1]!;
  await control(emulator, 'PUT', `tenants/${customer.id}/consent`, { granted: true });
  const token = await appToken(emulator, customer.id);
  const client = Client.init({
    baseUrl: emulator.url,
    customHosts: new Set([new URL(emulator.url).hostname]),
    authProvider: (done) => done(null, token),
  });
  const user = customer.users.find((u) => !u.isAdmin)!;
  const page = await client.api(`/users/${user.id}/mailFolders/inbox/messages/delta`).get();
  expect(page.value.length).toBeGreaterThan(0);
  expect(page.value.every((m: { toRecipients?: unknown[] }) => Array.isArray(m.toRecipients))).toBe(true);
});
