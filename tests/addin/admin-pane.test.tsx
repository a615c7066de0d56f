import { fireEvent, screen } from '@testing-library/react';
import en from '../../addin/common/locales/en.json';
import ja from '../../addin/common/locales/ja.json';
import type { IntegrationView, TenantView } from '../../shared/api';
import { StartConfirmDialog } from '../../addin/admin/ConfirmDialogs';
import { UsersPanel } from '../../addin/admin/UsersPanel';
import { fakeApi, fakeOffice, me, renderPane } from './fakes';

test('starting users names the consequence and needs it acknowledged', async () => {
  const { office } = fakeOffice(null);
  const onConfirm = jest.fn();
  renderPane(office, <StartConfirmDialog count={3} open onConfirm={onConfirm} onCancel={() => undefined} />);
  expect((await screen.findByTestId('no-deletion-warning')).textContent).toContain(
    'Extracted data cannot be deleted',
  );
  const start = screen.getByTestId('confirm-start');
  expect((start as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole('checkbox', { name: /I understand/ }));
  fireEvent.click(start);
  expect(onConfirm).toHaveBeenCalledTimes(1);
});

test('the Japanese resources have every English string, and the same placeholders', () => {
  const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
  expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  for (const key of Object.keys(en) as Array<keyof typeof en>) {
    expect([key, placeholders(ja[key])]).toEqual([key, placeholders(en[key])]);
  }
});

test('a user waiting for the first sync shows their place in line and when it should start', async () => {
  const { office } = fakeOffice(null);
  const queued: IntegrationView = {
    ...me.integration!,
    status: 'queued',
    lastSyncAt: null,
    initialSync: { messagesSeen: 0, foldersDone: 0, foldersTotal: 2 },
    queue: { position: 3, estimatedStartAt: '2026-11-26T10:05:00Z' },
  };
  const user = {
    id: 'u1',
    displayName: 'Daniel Brooks',
    userPrincipalName: 'daniel.brooks@contoso.com',
    mail: 'daniel.brooks@contoso.com',
    jobTitle: null,
    guest: false,
    licensed: true,
    integration: queued,
  };
  const api = fakeApi({
    directoryUsers: async () => ({ users: [user], nextCursor: null }),
    integrations: async () => ({ integrations: [queued] }),
  });
  const tenant: TenantView = {
    id: 't1',
    displayName: 'Contoso',
    verifiedDomains: ['contoso.com'],
    registeredAt: '2026-11-20T10:00:00Z',
    registeredBy: 'olivia.carter@contoso.com',
    consent: { state: 'granted', at: '2026-11-20T10:00:00Z', by: 'olivia.carter@contoso.com', error: null },
    counts: {},
  };
  renderPane(office, <UsersPanel api={api} tenants={[tenant]} enabled pollMs={60_000} />);
  const place = await screen.findByTestId('queue-place');
  expect(place.textContent).toMatch(/^Number 3 in line for the first sync, expected to start around .*2026/);
});
