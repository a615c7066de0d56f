import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError, UnreachableError } from '../../addin/common/api';
import { SignInRequiredError } from '../../addin/common/auth';
import { TaskPane } from '../../addin/taskpane/TaskPane';
import type { ContactsResponse } from '../../shared/api';
import {
  contactsAnswer,
  deferred,
  externalContact,
  fakeApi,
  fakeOffice,
  mailItem,
  me,
  renderPane,
} from './fakes';

const noSignIn = () => Promise.resolve();

test('one card per outside person on the email, grouped by company; colleagues are not listed', async () => {
  const { office } = fakeOffice(
    mailItem('sarah.allen@fabrikam.com', ['daniel.brooks@contoso.com', 'priya.shah@contoso.com']),
  );
  const contacts = jest.fn((emails: string[]) =>
    Promise.resolve(
      contactsAnswer([
        externalContact('sarah.allen@fabrikam.com'),
        { email: 'priya.shah@contoso.com', internal: true as const },
      ]),
    ).then((r) => (expect(emails).toEqual(['sarah.allen@fabrikam.com', 'priya.shah@contoso.com']), r)),
  );
  renderPane(
    office,
    <TaskPane office={office} api={fakeApi({ me: () => Promise.resolve(me), contacts })} signIn={noSignIn} />,
  );
  const card = await screen.findByRole('article', { name: 'sarah allen' });
  expect(card.textContent).toContain('Buyer at Fabrikam');
  expect(card.textContent).toContain('Priya Shah');
  expect(screen.getByRole('img', { name: /Emails per month with sarah allen/ })).toBeTruthy();
  expect(screen.getAllByRole('article')).toHaveLength(1);
  expect(screen.getByTestId('own-status').textContent).toContain('Active');
});

test('a slow answer for the previous email never overwrites the newer one (pinned pane, ItemChanged)', async () => {
  const { office, select } = fakeOffice(mailItem('old.contact@tailspin.com', undefined, 'first'));
  const answers = new Map<string, ReturnType<typeof deferred<ContactsResponse>>>();
  const signals: AbortSignal[] = [];
  const contacts = (emails: string[], signal?: AbortSignal) => {
    signals.push(signal!);
    const d = deferred<ContactsResponse>();
    answers.set(emails[0]!, d);
    return d.promise;
  };
  renderPane(
    office,
    <TaskPane office={office} api={fakeApi({ me: () => Promise.resolve(me), contacts })} signIn={noSignIn} />,
  );
  await waitFor(() => expect(answers.has('old.contact@tailspin.com')).toBe(true));
  act(() => select(mailItem('new.contact@fabrikam.com', undefined, 'second')));
  await waitFor(() => expect(answers.has('new.contact@fabrikam.com')).toBe(true));
  expect(signals[0]!.aborted).toBe(true);
  await act(async () =>
    answers
      .get('new.contact@fabrikam.com')!
      .resolve(contactsAnswer([externalContact('new.contact@fabrikam.com')])),
  );
  await act(async () =>
    answers
      .get('old.contact@tailspin.com')!
      .resolve(contactsAnswer([externalContact('old.contact@tailspin.com')])),
  );
  expect(await screen.findByRole('article', { name: 'new contact' })).toBeTruthy();
  expect(screen.queryByRole('article', { name: 'old contact' })).toBeNull();
});

test('says so when no one in the company has been in touch, and when the organisation hides email activity', async () => {
  const { office, select } = fakeOffice(mailItem('stranger@northwind.com'));
  let answer: ContactsResponse = contactsAnswer([
    externalContact('stranger@northwind.com', { known: false }),
  ]);
  const api = fakeApi({ me: () => Promise.resolve(me), contacts: () => Promise.resolve(answer) });
  renderPane(office, <TaskPane office={office} api={api} signIn={noSignIn} />);
  expect((await screen.findByTestId('contact-unknown')).textContent).toBe(
    'No one in your company has been in touch with this person yet.',
  );
  answer = { hiddenByDisplaySetting: true, contacts: [], companies: [] };
  act(() => select(mailItem('stranger@northwind.com', undefined, 'again')));
  expect((await screen.findByTestId('hidden-by-setting')).textContent).toContain(
    'chosen not to show email activity',
  );
});

test('offline, errors and sign-in each get their own state, with a way on', async () => {
  const { office } = fakeOffice(mailItem('sarah.allen@fabrikam.com'));
  let failure: Error = new UnreachableError(true);
  const signIn = jest.fn(() => Promise.resolve());
  const api = fakeApi({ me: () => Promise.reject(failure) });
  const view = renderPane(office, <TaskPane office={office} api={api} signIn={signIn} />);
  expect((await screen.findByTestId('problem')).textContent).toContain("You're offline");

  failure = new ApiError(500, 'internal', 'The server had a problem.');
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  await waitFor(() =>
    expect(screen.getByTestId('problem').textContent).toContain('The server had a problem.'),
  );

  failure = new SignInRequiredError('login_required');
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
  await waitFor(() => expect(signIn).toHaveBeenCalled());
  view.unmount();
});

test('renders in Japanese from the display language', async () => {
  const { office } = fakeOffice(mailItem('sarah.allen@fabrikam.com'), { displayLanguage: 'ja-JP' });
  const api = fakeApi({
    me: () => Promise.resolve(me),
    contacts: () => Promise.resolve(contactsAnswer([externalContact('sarah.allen@fabrikam.com')])),
  });
  renderPane(office, <TaskPane office={office} api={api} signIn={noSignIn} />, 'ja');
  expect(await screen.findByText('このメールの関係者')).toBeTruthy();
  expect(await screen.findByText('よく知っている社員')).toBeTruthy();
});

test("a signature's full numbers can be dialled from the card, with their extension; an extension without its switchboard number is shown, not linked", async () => {
  const { office } = fakeOffice(mailItem('kay.mann@fabrikam.com', ['daniel.brooks@contoso.com']));
  const signature = {
    ...externalContact('kay.mann@fabrikam.com').signature!,
    phones: [
      { type: 'office', number: '+1 713 555 0139' },
      { type: 'office', number: 'x6721' },
      { type: 'office', number: '+17135550100', extension: '3-4567' },
    ],
  };
  const contacts = () =>
    Promise.resolve(contactsAnswer([externalContact('kay.mann@fabrikam.com', { signature })]));
  renderPane(
    office,
    <TaskPane office={office} api={fakeApi({ me: () => Promise.resolve(me), contacts })} signIn={noSignIn} />,
  );
  const card = await screen.findByRole('article', { name: 'kay mann' });
  expect(card.querySelector('a[href="tel:+17135550139"]')?.textContent).toBe('+1 713 555 0139');
  expect(card.textContent).toContain('x6721');
  expect(card.querySelector('a[href="tel:+17135550100;ext=34567"]')?.textContent).toBe(
    '+17135550100 ext. 3-4567',
  );
  expect([...card.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href'))).toEqual([
    'tel:+17135550139',
    'tel:+17135550100;ext=34567',
  ]);
});
