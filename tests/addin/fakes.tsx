import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { ContactsResponse, ExternalContactView, MeResponse } from '../../shared/api';
import type { ApiClient } from '../../addin/common/api';
import { createTranslator } from '../../addin/common/i18n';
import type { MailItem, OfficeHost } from '../../addin/common/office';
import { PaneShell } from '../../addin/common/PaneShell';

// jsdom has no ResizeObserver; Fluent's MessageBar measures its own width with one.
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

/** A stand-in Outlook for component tests: select an item and ItemChanged fires. */
export function fakeOffice(item: MailItem | null, overrides: Partial<OfficeHost> = {}) {
  const listeners = new Set<(item: MailItem | null) => void>();
  let current = item;
  const office: OfficeHost = {
    kind: 'outlook',
    displayLanguage: 'en-US',
    theme: 'light',
    userEmail: 'daniel.brooks@contoso.com',
    supportsNestedAppAuth: true,
    mobile: false,
    currentItem: () => current,
    onItemChanged: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onThemeChanged: () => () => undefined,
    openDialog: () => Promise.reject(new Error('no dialogs in tests')),
    ...overrides,
  };
  return {
    office,
    select(next: MailItem | null) {
      current = next;
      listeners.forEach((l) => l(next));
    },
  };
}

export function mailItem(
  from: string,
  to: string[] = ['daniel.brooks@contoso.com'],
  subject = 'Hello',
): MailItem {
  const p = (email: string) => ({ name: email.split('@')[0]!, email });
  return {
    itemId: subject,
    internetMessageId: `<${subject}@x>`,
    subject,
    from: p(from),
    to: to.map(p),
    cc: [],
  };
}

export const me: MeResponse = {
  user: { id: 'u1', name: 'Daniel Brooks', userPrincipalName: 'daniel.brooks@contoso.com', guest: false },
  tenant: { id: 't1', registered: true },
  organization: { id: 'o1', name: 'contoso.com', activityManagementEnabled: true, showEmailActivities: true },
  isAdmin: false,
  adminUnverified: false,
  integration: {
    provider: 'microsoft',
    tenantId: 't1',
    userId: 'u1',
    userPrincipalName: 'daniel.brooks@contoso.com',
    displayName: 'Daniel Brooks',
    status: 'active',
    paused: false,
    lastError: null,
    lastSyncAt: '2026-11-26T10:00:00Z',
    startedAt: '2026-11-20T10:00:00Z',
    startedBy: 'olivia.carter@contoso.com',
    unlinkedAt: null,
    counts: { messages: 120, contactPoints: 80, skipped: 3 },
    initialSync: null,
    queue: null,
  },
};

export function externalContact(
  email: string,
  overrides: Partial<ExternalContactView> = {},
): ExternalContactView {
  const domain = email.split('@')[1]!;
  return {
    email,
    internal: false,
    known: true,
    name: email.split('@')[0]!.replace('.', ' '),
    domain,
    company: 'Fabrikam',
    signature: {
      name: null,
      title: 'Buyer',
      department: null,
      company: 'Fabrikam',
      phones: [{ type: 'mobile', number: '+1 206 555 0177' }],
      address: null,
      url: null,
      seenAt: '2026-11-01T00:00:00Z',
    },
    totals: {
      sent: 3,
      received: 5,
      firstContactAt: '2025-01-10T00:00:00Z',
      lastContactAt: '2026-11-20T00:00:00Z',
    },
    colleagues: [
      {
        userId: 'u2',
        name: 'Priya Shah',
        sent: 2,
        received: 4,
        firstContactAt: '2025-01-10T00:00:00Z',
        lastContactAt: '2026-11-20T00:00:00Z',
        strength: 64,
      },
    ],
    recent: [
      {
        at: '2026-11-20T00:00:00Z',
        colleague: { userId: 'u2', name: 'Priya Shah' },
        direction: 'received',
        subject: 'Pricing',
      },
    ],
    months: [{ month: '2026-11', sent: 1, received: 2 }],
    ...overrides,
  };
}

export function contactsAnswer(contacts: ContactsResponse['contacts']): ContactsResponse {
  return { hiddenByDisplaySetting: false, contacts, companies: [] };
}

/** An API client whose calls the test answers; unlisted calls fail loudly. */
export function fakeApi(calls: Partial<ApiClient>): ApiClient {
  return new Proxy(calls as ApiClient, {
    get(target, name: string) {
      if (name in target) return target[name as keyof ApiClient];
      return () => Promise.reject(new Error(`unexpected API call ${name}`));
    },
  });
}

/**
 * Renders inside the panes' shell; `rerender` keeps the shell, so the component stays mounted.
 * `language` is Office's display language: the strings' language and the dates' and numbers' format.
 */
export function renderPane(office: OfficeHost, ui: ReactElement, language = 'en-US') {
  const translator = createTranslator(language);
  return render(ui, {
    wrapper: ({ children }) => (
      <PaneShell office={office} translator={translator}>
        {children}
      </PaneShell>
    ),
  });
}

/** A promise the test resolves later, to order answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
