import { createRoot } from 'react-dom/client';
import type { ExternalContactView } from '../../shared/api';
import type { ApiClient } from '../../addin/common/api';
import { createTranslator } from '../../addin/common/i18n';
import type { OfficeHost } from '../../addin/common/office';
import { PaneShell } from '../../addin/common/PaneShell';
import { ContactCard } from '../../addin/taskpane/ContactCard';

/**
 * `npm run bench:addin`'s baseline (built only with webpack `--env bench`, named by no manifest):
 * the same contact card in the same Fluent UI shell, from static data — no Office.js, sign-in or
 * API. The task pane's time to its first card is measured against this page's in the same run.
 */
performance.mark('sam:boot');

const office: OfficeHost = {
  kind: 'none',
  displayLanguage: 'en-US',
  theme: 'light',
  userEmail: null,
  supportsNestedAppAuth: false,
  mobile: false,
  currentItem: () => null,
  onItemChanged: () => () => undefined,
  onThemeChanged: () => () => undefined,
  openDialog: () => Promise.reject(new Error('no dialogs on the bench page')),
};

const month = (back: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - back, 1);
  return d.toISOString().slice(0, 7);
};
const colleague = (userId: string, name: string, strength: number) => ({
  userId,
  name,
  sent: 12,
  received: 17,
  firstContactAt: '2024-02-12T09:30:00Z',
  lastContactAt: '2026-10-28T15:05:00Z',
  strength,
});

const contact: ExternalContactView = {
  email: 'sarah.allen@fabrikam.com',
  internal: false,
  known: true,
  name: 'Sarah Allen',
  domain: 'fabrikam.com',
  company: 'Fabrikam',
  signature: {
    name: 'Sarah Allen',
    title: 'Head of Purchasing',
    department: null,
    company: 'Fabrikam',
    phones: [
      { type: 'work', number: '+1 206 555 0142' },
      { type: 'mobile', number: '+1 206 555 0177' },
    ],
    address: null,
    url: null,
    seenAt: '2026-10-28T15:05:00Z',
  },
  totals: {
    sent: 41,
    received: 58,
    firstContactAt: '2024-02-12T09:30:00Z',
    lastContactAt: '2026-10-28T15:05:00Z',
  },
  colleagues: [
    colleague('u1', 'Priya Shah', 78),
    colleague('u2', 'Daniel Brooks', 52),
    colleague('u3', 'Olivia Carter', 21),
  ],
  recent: Array.from({ length: 5 }, (_, i) => ({
    at: `2026-10-${String(28 - i * 4).padStart(2, '0')}T10:00:00Z`,
    colleague: { userId: 'u1', name: 'Priya Shah' },
    direction: i % 2 === 0 ? ('received' as const) : ('sent' as const),
    subject: `Quarterly pricing, revision ${5 - i}`,
  })),
  months: Array.from({ length: 12 }, (_, i) => ({
    month: month(i),
    sent: (i * 7) % 5,
    received: (i * 5) % 6,
  })),
};

// The card never asks for more here (its "full history" button is not clicked).
const api = new Proxy({} as ApiClient, {
  get: () => () => Promise.reject(new Error('no API on the bench page')),
});

createRoot(document.getElementById('root')!).render(
  <PaneShell office={office} translator={createTranslator('en-US')}>
    <ContactCard contact={contact} api={api} />
  </PaneShell>,
);
