import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { UsersPanel } from '../../addin/admin/UsersPanel';
import { WorkspacesPanel } from '../../addin/admin/WorkspacesPanel';
import en from '../../addin/common/locales/en.json';
import ja from '../../addin/common/locales/ja.json';
import type { DirectoryUser, DirectoryUsersResponse, IntegrationView, TenantView } from '../../shared/api';
import {
  errorKinds,
  integrationStatuses,
  isErrorKind,
  type IntegrationStatus,
} from '../../shared/integration-status';
import type { WorkspacesResponse } from '../../shared/workspaces';
import { fakeApi, fakeOffice, me, renderPane } from './fakes';

/**
 * The admin pane's users list: search, pages, a selection across pages started in one go, the
 * list refreshed while a mailbox syncs, and every status (the error kinds above all) in both
 * languages — rendered through the real components, so a kind added to
 * shared/integration-status.ts without its words or badge fails here.
 */

const tenantId = '11111111-1111-4111-8111-111111111111';
const contoso: TenantView = {
  id: tenantId,
  membership: 'confirmed',
  displayName: 'Contoso',
  verifiedDomains: ['contoso.com'],
  registeredAt: '2026-11-01T09:00:00Z',
  registeredBy: 'olivia.carter@contoso.com',
  confirmedBy: 'olivia.carter@contoso.com',
  pendingUntil: null,
  detached: null,
  consent: { state: 'granted', at: '2026-11-01T09:05:00Z', by: 'olivia.carter@contoso.com', error: null },
  counts: {},
};

function integration(userId: string, status: IntegrationStatus): IntegrationView {
  return {
    ...me.integration!,
    userId,
    userPrincipalName: `${userId}@contoso.com`,
    displayName: userId,
    status,
    lastError: isErrorKind(status)
      ? {
          kind: status,
          graphCode: 'ErrorCode',
          httpStatus: 403,
          message: 'Graph said no',
          action: 'retry_later_or_contact_support',
          at: '2026-11-26T10:00:00Z',
        }
      : null,
  };
}

function user(id: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id,
    displayName: id,
    userPrincipalName: `${id}@contoso.com`,
    mail: `${id}@contoso.com`,
    jobTitle: null,
    guest: false,
    licensed: true,
    integration: null,
    ...overrides,
  };
}

const resources = { en: en as Record<string, string>, ja: ja as Record<string, string> };

test.each([
  ['en', 'en-US'],
  ['ja', 'ja-JP'],
] as const)(
  'every status, each error kind above all, has its own words and badge in the users table (%s)',
  async (locale, language) => {
    const { office } = fakeOffice(null);
    const users = [
      user('nobody'),
      ...integrationStatuses.map((status) => user(status, { integration: integration(status, status) })),
    ];
    const api = fakeApi({
      directoryUsers: () => Promise.resolve({ users, nextCursor: null }),
      // Nothing in progress: the list is read once.
      integrations: () => Promise.resolve({ integrations: [] }),
    });
    renderPane(office, <UsersPanel api={api} tenants={[contoso]} enabled pollMs={60_000} />, language);
    await screen.findByTestId('users-table');

    const strings = resources[locale];
    const labels = new Set<string>();
    for (const status of ['not_started', ...integrationStatuses]) {
      const row = within(
        screen.getByTestId(`user-${status === 'not_started' ? 'nobody' : status}@contoso.com`),
      );
      const badge = row.getByTestId('status-badge');
      const words = status === 'not_started' ? strings['status.notStarted'] : strings[`status.${status}`];
      expect([status, typeof words]).toEqual([status, 'string']);
      expect([status, badge.getAttribute('data-status'), badge.textContent]).toEqual([status, status, words]);
      labels.add(badge.textContent!);
      // Each error kind is retried from its row; the other states are not.
      const retry = row.queryByRole('button', { name: new RegExp(strings['users.retry']!) });
      expect([status, retry !== null]).toEqual([status, (errorKinds as readonly string[]).includes(status)]);
    }
    // No two states read the same.
    expect(labels.size).toBe(integrationStatuses.length + 1);
  },
);

test('the error kinds are counted with their words in the summary, and each is listed with its action', async () => {
  const { office } = fakeOffice(null);
  const api = fakeApi({
    directoryUsers: () => Promise.resolve({ users: [], nextCursor: null }),
    integrations: () => Promise.resolve({ integrations: errorKinds.map((kind) => integration(kind, kind)) }),
  });
  renderPane(office, <UsersPanel api={api} tenants={[contoso]} enabled pollMs={60_000} />, 'ja-JP');
  await screen.findByTestId('attention-table');
  for (const kind of errorKinds) {
    expect(screen.getByTestId(`summary-${kind}`).textContent).toBe(`${ja[`status.${kind}`]}: 1`);
    const row = within(screen.getByTestId(`attention-${kind}@contoso.com`));
    expect(row.getByTestId('status-badge').textContent).toBe(ja[`status.${kind}`]);
    expect(row.getByText(ja['action.retry_later_or_contact_support'])).toBeTruthy();
  }
});

test('the Google Workspace users list shows every error kind with its words, and retries it', async () => {
  const { office } = fakeOffice(null);
  const customerId = 'C03f1r5tu';
  const workspaces: WorkspacesResponse = {
    configured: true,
    clientId: '106530027771258899234',
    scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
    workspaces: [
      {
        id: customerId,
        primaryDomain: 'example.com',
        domains: ['example.com'],
        adminEmail: 'admin@example.com',
        registeredAt: '2026-01-01T00:00:00Z',
        registeredBy: 'olivia.carter@contoso.com',
        missingScopes: [],
        counts: {},
      },
    ],
  };
  const retried: string[] = [];
  const unlinked: string[] = [];
  let usersRead = 0;
  const api = fakeApi({
    workspaces: () => Promise.resolve(workspaces),
    workspaceUsers: () => {
      usersRead += 1;
      return Promise.resolve({
        users: errorKinds.map((kind) => ({
          id: kind,
          displayName: kind,
          userPrincipalName: `${kind}@example.com`,
          mail: `${kind}@example.com`,
          suspended: false,
          integration: { ...integration(kind, kind), provider: 'google' as const, tenantId: customerId },
        })),
        nextCursor: null,
      });
    },
    unlinkWorkspaceIntegration: (id, userId) => {
      unlinked.push(`${id}/${userId}`);
      return Promise.resolve(integration(userId, 'unlinked'));
    },
    retryWorkspaceIntegration: (id, userId) => {
      retried.push(`${id}/${userId}`);
      return Promise.resolve(integration(userId, 'queued'));
    },
  });
  renderPane(office, <WorkspacesPanel office={office} api={api} enabled />);
  fireEvent.click(await screen.findByRole('button', { name: en['workspaces.users'] }));
  const list = within(await screen.findByRole('table', { name: en['workspaces.users'] }));
  const badges = list.getAllByTestId('status-badge');
  expect(badges.map((b) => [b.getAttribute('data-status'), b.textContent])).toEqual(
    errorKinds.map((kind) => [kind, en[`status.${kind}`]]),
  );
  fireEvent.click(list.getAllByRole('button', { name: en['users.retry'] })[0]!);
  await waitFor(() => expect(retried).toEqual([`${customerId}/${errorKinds[0]}`]));
  // The action reads the users again, then the buttons are usable again.
  await waitFor(() => expect(usersRead).toBe(2));
  const unlink = () => list.getAllByRole('button', { name: en['users.unlink'] })[1] as HTMLButtonElement;
  await waitFor(() => expect(unlink().disabled).toBe(false));
  fireEvent.click(unlink());
  await waitFor(() => expect(unlinked).toEqual([`${customerId}/${errorKinds[1]}`]));
});

test('search waits for the typing to stop and starts again at the first page; pages follow the cursors', async () => {
  const { office } = fakeOffice(null);
  const asked: Array<{ search?: string; cursor?: string | null }> = [];
  const api = fakeApi({
    directoryUsers: (_tenant, query) => {
      asked.push(query);
      const page: DirectoryUsersResponse = query.cursor
        ? { users: [user('second-page')], nextCursor: null }
        : { users: [user(query.search ? `found-${query.search}` : 'first-page')], nextCursor: 'c2' };
      return Promise.resolve(page);
    },
    integrations: () => Promise.resolve({ integrations: [] }),
  });
  renderPane(office, <UsersPanel api={api} tenants={[contoso]} enabled pollMs={60_000} />);
  await screen.findByTestId('user-first-page@contoso.com');

  fireEvent.click(screen.getByTestId('next-page'));
  await screen.findByTestId('user-second-page@contoso.com');
  expect(screen.getByText('Page 2')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: en['common.previous'] }));
  await screen.findByTestId('user-first-page@contoso.com');

  const box = screen.getByTestId('users-search').querySelector('input') ?? screen.getByTestId('users-search');
  fireEvent.change(box, { target: { value: 'a' } });
  fireEvent.change(box, { target: { value: 'ad' } });
  fireEvent.change(box, { target: { value: 'ada ' } });
  await screen.findByTestId('user-found-ada@contoso.com');
  // One request for the whole word, trimmed, from the first page.
  expect(asked.filter((q) => q.search)).toEqual([{ search: 'ada', cursor: null }]);
  expect(asked.slice(0, 3)).toEqual([
    { search: undefined, cursor: null },
    { search: undefined, cursor: 'c2' },
    { search: undefined, cursor: null },
  ]);
});

test('a selection across pages starts in one request, naming the user without a licence', async () => {
  const { office } = fakeOffice(null);
  const started: Array<{ ids: string[]; confirmUnlicensed?: boolean }> = [];
  const pages: Record<string, DirectoryUsersResponse> = {
    first: { users: [user('ada', { licensed: false }), user('guest', { guest: true })], nextCursor: 'c2' },
    c2: { users: [user('bo')], nextCursor: null },
  };
  const api = fakeApi({
    directoryUsers: (_tenant, query) => Promise.resolve(pages[query.cursor ?? 'first']!),
    integrations: () => Promise.resolve({ integrations: [] }),
    startIntegrations: (_tenant, ids, _signal, options) => {
      started.push({ ids, confirmUnlicensed: options?.confirmUnlicensed });
      return Promise.resolve({ results: [] });
    },
  });
  renderPane(office, <UsersPanel api={api} tenants={[contoso]} enabled pollMs={60_000} />);
  const guestRow = within(await screen.findByTestId('user-guest@contoso.com'));
  expect((guestRow.getByRole('checkbox') as HTMLInputElement).disabled).toBe(true);
  fireEvent.click(within(screen.getByTestId('user-ada@contoso.com')).getByRole('checkbox'));
  fireEvent.click(screen.getByTestId('next-page'));
  fireEvent.click(within(await screen.findByTestId('user-bo@contoso.com')).getByRole('checkbox'));
  expect(screen.getByTestId('start-selected').textContent).toContain('2');

  fireEvent.click(screen.getByTestId('start-selected'));
  expect((await screen.findByTestId('start-notice')).textContent).toContain(
    '1 of these users has no licence',
  );
  // In jsdom the role query counts the modal dialog's portal as hidden.
  fireEvent.click(screen.getByRole('checkbox', { name: /I understand/, hidden: true }));
  fireEvent.click(screen.getByTestId('confirm-start'));
  expect(await screen.findByText('2 users started.')).toBeTruthy();
  expect(started).toEqual([{ ids: ['ada', 'bo'], confirmUnlicensed: true }]);
  // The selection is spent.
  expect((screen.getByTestId('start-selected') as HTMLButtonElement).disabled).toBe(true);
});

test('the list is read again while a mailbox syncs, and no more once it is active', async () => {
  const { office } = fakeOffice(null);
  let reads = 0;
  const api = fakeApi({
    directoryUsers: () => {
      reads += 1;
      const status = reads < 3 ? 'syncing' : 'active';
      return Promise.resolve({
        users: [user('ada', { integration: integration('ada', status) })],
        nextCursor: null,
      });
    },
    integrations: () => Promise.resolve({ integrations: [] }),
  });
  renderPane(office, <UsersPanel api={api} tenants={[contoso]} enabled pollMs={20} />);
  await waitFor(() =>
    expect(within(screen.getByTestId('user-ada@contoso.com')).getByTestId('status-badge').textContent).toBe(
      'Active',
    ),
  );
  // Twenty polling periods later: at most the read that was already on its way when it settled.
  const settled = reads;
  await act(() => new Promise((r) => setTimeout(r, 400)));
  expect(reads - settled).toBeLessThanOrEqual(1);
});
