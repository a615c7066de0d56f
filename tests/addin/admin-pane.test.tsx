import { fireEvent, screen } from '@testing-library/react';
import en from '../../addin/common/locales/en.json';
import ja from '../../addin/common/locales/ja.json';
import type { IntegrationView } from '../../shared/api';
import { StartConfirmDialog } from '../../addin/admin/ConfirmDialogs';
import { IntegrationStatusCell } from '../../addin/admin/IntegrationStatusCell';
import { ApiError } from '../../addin/common/api';
import { ProblemMessage } from '../../addin/common/ProblemMessage';
import { fakeOffice, me, renderPane } from './fakes';

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

test('each language has every message, every plural form its language needs, and the same placeholders', () => {
  const placeholders = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort();
  const resources = { en: en as Record<string, string>, ja: ja as Record<string, string> };
  const bases = new Set(Object.keys(en).map((k) => k.split('#')[0]!));
  for (const [locale, strings] of Object.entries(resources)) {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const base of bases) {
      const forms = Object.keys(en).filter((k) => k.split('#')[0] === base);
      const plural = forms.some((k) => k.includes('#'));
      const wanted = plural ? categories.map((c) => `${base}#${c}`) : [base];
      for (const key of wanted) {
        expect([locale, key, typeof strings[key]]).toEqual([locale, key, 'string']);
        const english = en[(plural ? `${base}#other` : base) as keyof typeof en];
        expect([locale, key, placeholders(strings[key]!)]).toEqual([locale, key, placeholders(english)]);
      }
    }
    // Nothing a language has that English does not (a renamed key left behind).
    for (const key of Object.keys(strings))
      expect([locale, bases.has(key.split('#')[0]!)]).toEqual([locale, true]);
  }
});

test('a user waiting for the first sync shows their place in line and when it should start', async () => {
  const { office } = fakeOffice(null);
  const queued: IntegrationView = {
    ...me.integration!,
    status: 'queued',
    lastSyncAt: null,
    initialSync: { messagesSeen: 0, messagesTotal: null, foldersDone: 0, foldersTotal: 2, secondsLeft: null },
    queue: { position: 3, estimatedStartAt: '2026-11-26T10:05:00Z' },
  };
  renderPane(office, <IntegrationStatusCell integration={queued} name="Daniel Brooks" />);
  const place = await screen.findByTestId('queue-place');
  expect(place.textContent).toMatch(/^Number 3 in line for the first sync, expected to start around .*2026/);
});

test('an API error reads in the pane’s language; the service’s own English words stay in the details', async () => {
  const { office } = fakeOffice(null, { displayLanguage: 'ja-JP' });
  const error = new ApiError(
    409,
    'tenant_not_consented',
    'Grant admin consent for this directory (tenant) first.',
    'req-42',
  );
  renderPane(office, <ProblemMessage error={error} />, 'ja');
  const problem = await screen.findByTestId('problem');
  const body = problem.querySelector('.fui-MessageBarBody')!;
  const summary = body.firstChild!.textContent!;
  expect(summary).toBe(ja['error.tenant_not_consented']);
  expect(summary).not.toMatch(/[A-Za-z]{4,}/); // no English sentence in the Japanese text
  const details = problem.querySelector('details')!;
  expect(details.textContent).toContain('tenant_not_consented (HTTP 409)');
  expect(details.textContent).toContain('req-42');
  expect(details.querySelector('[lang="en"]')!.textContent).toBe(error.message);
});

test('a first sync shows emails read of the folders’ total and the time left, in words and on the bar', async () => {
  const { office } = fakeOffice(null);
  const syncing = {
    ...me.integration!,
    status: 'syncing' as const,
    initialSync: {
      messagesSeen: 1200,
      messagesTotal: 5400,
      foldersDone: 0,
      foldersTotal: 2,
      secondsLeft: 185,
    },
  };
  renderPane(office, <IntegrationStatusCell integration={syncing} name="Daniel Brooks" />);
  expect((await screen.findByText(/of 5,400 emails read/)).textContent).toBe(
    '1,200 of 5,400 emails read · about 3 minutes left',
  );
  const bar = screen.getByRole('progressbar', { name: 'Initial sync of Daniel Brooks' });
  expect(Number(bar.getAttribute('aria-valuenow'))).toBeCloseTo(1200 / 5400);
  expect(bar.getAttribute('aria-valuetext')).toBe('1,200 of 5,400 emails read · about 3 minutes left');
});
