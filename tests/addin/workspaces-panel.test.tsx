import { fireEvent, screen, waitFor } from '@testing-library/react';
import { WorkspacesPanel } from '../../addin/admin/WorkspacesPanel';
import type { WorkspacesResponse, WorkspaceUsersResponse } from '../../shared/workspaces';
import { fakeApi, fakeOffice, renderPane } from './fakes';

const configured: WorkspacesResponse = {
  configured: true,
  clientId: '106530027771258899234',
  scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
  workspaces: [],
};

test('shows the client ID to authorize, and registers a domain through the admin’s Google sign-in', async () => {
  const opened: string[] = [];
  const { office } = fakeOffice(null, {
    openDialog: (url, events) => {
      opened.push(url);
      queueMicrotask(() =>
        events.onMessage(
          JSON.stringify({ status: 'granted', message: 'Google Workspace example.com is connected.' }),
        ),
      );
      return Promise.resolve({ close: () => undefined });
    },
  });
  const registered: string[] = [];
  let listed = configured;
  const api = fakeApi({
    workspaces: () => Promise.resolve(listed),
    registerWorkspace: (domain) => {
      registered.push(domain);
      listed = {
        ...configured,
        workspaces: [
          {
            id: 'C03f1r5tu',
            primaryDomain: domain,
            domains: [domain],
            adminEmail: 'admin@example.com',
            registeredAt: '2026-01-01T00:00:00Z',
            registeredBy: 'olivia.carter@contoso.com',
            missingScopes: [],
            counts: {},
          },
        ],
      };
      return Promise.resolve({
        domain,
        signInUrl: 'https://localhost:3000/auth/google/start?state=s',
        clientId: configured.clientId!,
        scopes: configured.scopes,
      });
    },
  });
  renderPane(office, <WorkspacesPanel office={office} api={api} enabled />);
  expect((await screen.findByTestId('workspace-client-id')).textContent).toBe(configured.clientId);

  fireEvent.change(screen.getByPlaceholderText('example.com'), { target: { value: 'not a domain' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in as the Workspace admin' }));
  expect(await screen.findByText('Enter a domain name such as example.com.')).toBeTruthy();
  expect(registered).toEqual([]);

  fireEvent.change(screen.getByPlaceholderText('example.com'), { target: { value: 'Example.com' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in as the Workspace admin' }));
  expect(await screen.findByText('Google Workspace example.com is connected.')).toBeTruthy();
  expect(registered).toEqual(['example.com']);
  expect(opened).toEqual(['https://localhost:3000/auth/google/start?state=s']);
  await waitFor(() => expect(screen.getByText('All scopes authorized')).toBeTruthy());
});

test('stays out of the way when the service offers no Google Workspace', async () => {
  const { office } = fakeOffice(null);
  const workspaces = jest.fn(() => Promise.resolve({ ...configured, configured: false, clientId: null }));
  renderPane(office, <WorkspacesPanel office={office} api={fakeApi({ workspaces })} enabled />);
  await waitFor(() => expect(workspaces).toHaveBeenCalled());
  expect(screen.queryByTestId('workspaces')).toBeNull();
});

test('detaches a Workspace only after the admin confirms, and says how many mailboxes stopped', async () => {
  const { office } = fakeOffice(null);
  const workspace = {
    id: 'C03f1r5tu',
    primaryDomain: 'example.com',
    domains: ['example.com'],
    adminEmail: 'admin@example.com',
    registeredAt: '2026-01-01T00:00:00Z',
    registeredBy: 'olivia.carter@contoso.com',
    missingScopes: [],
    counts: { active: 2 },
  };
  let listed: WorkspacesResponse = { ...configured, workspaces: [workspace] };
  const detached: string[] = [];
  const api = fakeApi({
    workspaces: () => Promise.resolve(listed),
    detachWorkspace: (customerId) => {
      detached.push(customerId);
      listed = { ...configured, workspaces: [] };
      return Promise.resolve({
        detached: true as const,
        workspace: { id: customerId, primaryDomain: 'example.com' },
        integrationsStopped: 2,
      });
    },
  });
  renderPane(office, <WorkspacesPanel office={office} api={api} enabled />);

  fireEvent.click(await screen.findByRole('button', { name: 'Detach' }));
  expect(await screen.findByText('Detach example.com?')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  await waitFor(() => expect(screen.queryByText('Detach example.com?')).toBeNull());
  expect(detached).toEqual([]);

  fireEvent.click(screen.getByRole('button', { name: 'Detach' }));
  fireEvent.click(await screen.findByTestId('confirm-detach-workspace'));
  expect((await screen.findByTestId('workspace-detached')).textContent).toBe(
    'example.com was detached; 2 mailboxes stopped.',
  );
  expect(detached).toEqual(['C03f1r5tu']);
  await waitFor(() => expect(screen.queryByText('C03f1r5tu')).toBeNull());
});

test('pages through a Workspace’s users with the cursors the service gives', async () => {
  const { office } = fakeOffice(null);
  const user = (id: string, name: string) => ({
    id,
    displayName: name,
    userPrincipalName: `${name.toLowerCase()}@example.com`,
    mail: `${name.toLowerCase()}@example.com`,
    suspended: false,
    integration: null,
  });
  const pages: Record<string, WorkspaceUsersResponse> = {
    first: { users: [user('101', 'Aiko'), user('102', 'Ben')], nextCursor: 'page-2' },
    'page-2': { users: [user('103', 'Chiara')], nextCursor: null },
  };
  const asked: Array<string | null> = [];
  const api = fakeApi({
    workspaces: () =>
      Promise.resolve({
        ...configured,
        workspaces: [
          {
            id: 'C03f1r5tu',
            primaryDomain: 'example.com',
            domains: ['example.com'],
            adminEmail: 'admin@example.com',
            registeredAt: '2026-01-01T00:00:00Z',
            registeredBy: 'olivia.carter@contoso.com',
            missingScopes: [],
            counts: {},
          },
        ],
      }),
    workspaceUsers: (customerId, query) => {
      expect(customerId).toBe('C03f1r5tu');
      asked.push(query.cursor ?? null);
      return Promise.resolve(pages[query.cursor ?? 'first']!);
    },
  });
  renderPane(office, <WorkspacesPanel office={office} api={api} enabled />);
  fireEvent.click(await screen.findByRole('button', { name: 'Users' }));
  expect(await screen.findByText('Aiko')).toBeTruthy();
  expect(screen.queryByText('Chiara')).toBeNull();

  fireEvent.click(screen.getByTestId('workspace-users-next'));
  expect(await screen.findByText('Chiara')).toBeTruthy();
  expect(screen.queryByText('Aiko')).toBeNull();
  expect(screen.getByText('Page 2')).toBeTruthy();
  expect((screen.getByTestId('workspace-users-next') as HTMLButtonElement).disabled).toBe(true);

  fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
  expect(await screen.findByText('Aiko')).toBeTruthy();
  expect(asked).toEqual([null, 'page-2', null]);
});
