import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { TenantsPanel } from '../../addin/admin/TenantsPanel';
import type { MeResponse, TenantOwnership, TenantView } from '../../shared/api';
import { fakeApi, fakeOffice, me, renderPane } from './fakes';

/**
 * The admin pane's directories section: where each directory stands with the organisation, the
 * link its administrator is sent, and a directory's own admin taking it back.
 */

const admin: MeResponse = { ...me, isAdmin: true };
const noOwnership: TenantOwnership = { tenantId: 't1', organization: null, pendingRequests: [] };

function directory(id: string, overrides: Partial<TenantView>): TenantView {
  return {
    id,
    membership: 'confirmed',
    displayName: null,
    verifiedDomains: [],
    registeredAt: '2026-11-01T09:00:00Z',
    registeredBy: 'olivia.carter@contoso.com',
    confirmedBy: null,
    pendingUntil: null,
    detached: null,
    consent: { state: 'pending', at: null, by: null, error: null },
    counts: {},
    ...overrides,
  };
}

const contoso = directory('11111111-1111-4111-8111-111111111111', {
  displayName: 'Contoso',
  verifiedDomains: ['contoso.com'],
  confirmedBy: 'olivia.carter@contoso.com',
  consent: { state: 'granted', at: '2026-11-01T09:05:00Z', by: 'olivia.carter@contoso.com', error: null },
  counts: { active: 3, unlinked: 1 },
});
const japan = directory('22222222-2222-4222-8222-222222222222', {
  membership: 'awaiting_confirmation',
  pendingUntil: '2026-11-26T10:30:00Z',
});
const northwind = directory('33333333-3333-4333-8333-333333333333', {
  membership: 'detached',
  displayName: 'Northwind',
  verifiedDomains: ['northwind.example'],
  confirmedBy: 'kenji.sato@northwind.example',
  detached: { at: '2026-11-20T08:00:00Z', by: 'kenji.sato@northwind.example' },
});

const row = (tenant: TenantView) => within(screen.getByTestId(`tenant-${tenant.id}`));

test('each directory shows whether it awaits its administrator, was confirmed by them, or was detached by them', async () => {
  const { office } = fakeOffice(null);
  const api = fakeApi({ ownership: () => Promise.resolve(noOwnership) });
  renderPane(
    office,
    <TenantsPanel
      office={office}
      api={api}
      me={admin}
      tenants={[contoso, japan, northwind]}
      onChanged={() => {}}
    />,
    'en-GB', // dates as a Briton reads them
  );
  await screen.findByTestId('tenants-table');

  expect(row(contoso).getByTestId('membership-state').textContent).toBe('Confirmed');
  expect(row(contoso).getByTestId('consent-state').textContent).toBe('Consent granted');
  expect(row(contoso).getByTestId('membership-detail').textContent).toContain('olivia.carter@contoso.com');
  expect(row(contoso).getByRole('button', { name: /Grant consent again/ })).toBeTruthy();
  expect(row(contoso).queryByTestId('get-link')).toBeNull();

  expect(row(japan).getByTestId('membership-state').textContent).toBe(
    "Awaiting its administrator's confirmation",
  );
  expect(row(japan).getByTestId('membership-detail').textContent).toMatch(/^Open until 26 Nov 2026/);
  expect(row(japan).getByTestId('get-link')).toBeTruthy();

  expect(row(northwind).getByTestId('membership-state').textContent).toBe('Detached');
  expect(row(northwind).queryByTestId('consent-state')).toBeNull();
  expect(row(northwind).getByTestId('membership-detail').textContent).toMatch(
    /^Detached by its administrator kenji\.sato@northwind\.example on 20 Nov 2026/,
  );
});

test('a link for the directory’s administrator is shown to copy and send, never opened here', async () => {
  const openDialog = jest.fn(() => Promise.reject(new Error('no dialog expected')));
  const { office } = fakeOffice(null, { openDialog });
  const consentUrl = 'https://sam.example.com/auth/consent/start?flow=abc';
  const registerTenant = jest.fn((tenantId: string) =>
    Promise.resolve({ tenantId, consentUrl, expiresAt: '2026-11-26T11:00:00Z', created: true }),
  );
  const onChanged = jest.fn();
  const writeText = jest.fn(() => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  renderPane(
    office,
    <TenantsPanel
      office={office}
      api={fakeApi({ ownership: () => Promise.resolve(noOwnership), registerTenant })}
      me={admin}
      tenants={[contoso, northwind]}
      onChanged={onChanged}
    />,
    'en-GB', // dates as a Briton reads them
  );

  // Asking a detached directory again.
  fireEvent.click(await row(northwind).findByTestId('get-link'));
  const card = await screen.findByTestId('consent-link-card');
  expect(registerTenant).toHaveBeenCalledWith(northwind.id);
  expect(card.textContent).toContain('Link for an administrator of Northwind');
  expect(card.textContent).toContain('works once, in the browser that opens it first, until 26 Nov 2026');
  expect((screen.getByTestId('consent-link') as HTMLInputElement).value).toBe(consentUrl);
  fireEvent.click(screen.getByTestId('copy-consent-link'));
  await screen.findByText('Copied.');
  expect(writeText).toHaveBeenCalledWith(consentUrl);
  expect(onChanged).toHaveBeenCalled();

  // A new directory from the form: validated first, then registered for a link.
  fireEvent.change(screen.getByTestId('tenant-id-input'), { target: { value: 'not-a-guid' } });
  fireEvent.click(screen.getByTestId('register-link'));
  await screen.findByText(/Enter the directory ID as a GUID/);
  expect(registerTenant).toHaveBeenCalledTimes(1);
  const fresh = '44444444-4444-4444-8444-444444444444';
  fireEvent.change(screen.getByTestId('tenant-id-input'), { target: { value: ` ${fresh.toUpperCase()} ` } });
  fireEvent.click(screen.getByTestId('register-link'));
  await waitFor(() => expect(registerTenant).toHaveBeenLastCalledWith(fresh));
  await waitFor(() => expect(screen.getByTestId('consent-link-card').textContent).toContain(fresh));
  expect(openDialog).not.toHaveBeenCalled();
});

test('while a directory awaits its administrator, the list is read again until it is confirmed', async () => {
  jest.useFakeTimers();
  try {
    const { office } = fakeOffice(null);
    const onChanged = jest.fn();
    const api = fakeApi({ ownership: () => Promise.resolve(noOwnership) });
    const view = renderPane(
      office,
      <TenantsPanel office={office} api={api} me={admin} tenants={[contoso, japan]} onChanged={onChanged} />,
    );
    await act(async () => {}); // the pane's own directory, read once
    act(() => void jest.advanceTimersByTime(25_000));
    expect(onChanged).toHaveBeenCalledTimes(2);
    view.rerender(
      <TenantsPanel
        office={office}
        api={api}
        me={admin}
        tenants={[contoso, { ...japan, membership: 'confirmed', pendingUntil: null }]}
        onChanged={onChanged}
      />,
    );
    act(() => void jest.advanceTimersByTime(60_000));
    expect(onChanged).toHaveBeenCalledTimes(2);
  } finally {
    jest.useRealTimers();
  }
});

test('a directory’s own administrator sees which organisation holds it and detaches it after a warning', async () => {
  const { office } = fakeOffice(null);
  const held: TenantOwnership = {
    tenantId: 't1',
    organization: {
      id: 'org-x',
      name: 'Fabrikam',
      joinedAt: '2026-11-01T09:00:00Z',
      requestedBy: 'mallory@fabrikam.com',
      confirmedBy: 'olivia.carter@contoso.com',
    },
    pendingRequests: [
      { organization: 'Tailspin', requestedBy: 'eve@tailspin.com', expiresAt: '2026-11-26T11:00:00Z' },
    ],
  };
  let current = held;
  const detachTenant = jest.fn((organizationId: string) => {
    current = noOwnership;
    return Promise.resolve({
      detached: true as const,
      organization: { id: organizationId, name: 'Fabrikam' },
      integrationsStopped: 4,
      contactPointsRemoved: 120,
    });
  });
  const onChanged = jest.fn();
  renderPane(
    office,
    <TenantsPanel
      office={office}
      api={fakeApi({ ownership: () => Promise.resolve(current), detachTenant })}
      me={admin}
      tenants={[]}
      onChanged={onChanged}
    />,
  );
  const holder = await screen.findByTestId('ownership-holder');
  expect(holder.textContent).toBe(
    'Your directory belongs to the organisation Fabrikam, added by mallory@fabrikam.com and confirmed by olivia.carter@contoso.com.',
  );
  expect(screen.getByTestId('tenant-ownership').textContent).toContain(
    'Also asked for by: Tailspin (eve@tailspin.com)',
  );

  fireEvent.click(screen.getByTestId('detach-tenant'));
  expect(screen.getByTestId('detach-warning').textContent).toContain(
    'contact points extracted from them are removed from Fabrikam',
  );
  expect(detachTenant).not.toHaveBeenCalled();
  fireEvent.click(screen.getByTestId('confirm-detach'));
  expect((await screen.findByTestId('detach-outcome')).textContent).toBe(
    'Detached from Fabrikam: 4 mailboxes stopped, 120 contact points removed.',
  );
  expect(detachTenant).toHaveBeenCalledWith('org-x');
  expect(onChanged).toHaveBeenCalled();
  await waitFor(() =>
    expect(screen.getByTestId('ownership-holder').textContent).toBe(
      'Your directory belongs to no organisation.',
    ),
  );
  expect(screen.queryByTestId('detach-tenant')).toBeNull();
});
