import { fireEvent, screen } from '@testing-library/react';
import en from '../../addin/common/locales/en.json';
import ja from '../../addin/common/locales/ja.json';
import { StartConfirmDialog } from '../../addin/admin/ConfirmDialogs';
import { fakeOffice, renderPane } from './fakes';

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
