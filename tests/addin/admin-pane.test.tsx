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

test('the Japanese resources have every English string, and the same placeholders', () => {
  const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
  expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  for (const key of Object.keys(en) as Array<keyof typeof en>) {
    expect([key, placeholders(ja[key])]).toEqual([key, placeholders(en[key])]);
  }
});
