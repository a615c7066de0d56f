import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { SearchPanel } from '../../addin/search/SearchPanel';
import { TaskPane } from '../../addin/taskpane/TaskPane';
import type { PersonHit, SearchResponse } from '../../shared/api';
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

function person(email: string, overrides: Partial<PersonHit> = {}): PersonHit {
  return {
    email,
    name: email.split('@')[0]!.replace('.', ' '),
    company: 'Fabrikam',
    domain: email.split('@')[1]!,
    title: 'Buyer',
    strength: 64,
    sent: 3,
    received: 5,
    lastContactAt: '2026-11-20T00:00:00Z',
    knownBestBy: { userId: 'u2', name: 'Priya Shah' },
    ...overrides,
  };
}

function answer(people: PersonHit[], overrides: Partial<SearchResponse> = {}): SearchResponse {
  return {
    hiddenByDisplaySetting: false,
    people,
    companies: [],
    colleagues: [],
    nextCursor: null,
    complete: true,
    ...overrides,
  };
}

const typeInto = (text: string) =>
  fireEvent.change(screen.getByRole('searchbox', { name: 'Search people, companies and colleagues' }), {
    target: { value: text },
  });

test('asks once when typing pauses, and shows people with who knows them best', async () => {
  const { office } = fakeOffice(null);
  const search = jest.fn(() => Promise.resolve(answer([person('sarah.allen@fabrikam.com')])));
  renderPane(office, <SearchPanel api={fakeApi({ search })} signIn={noSignIn} />);
  for (const text of ['s', 'sa', 'sar', 'sara']) typeInto(text);
  const hit = await screen.findByRole('button', { name: /sarah allen/ });
  expect(search).toHaveBeenCalledTimes(1);
  expect(search).toHaveBeenCalledWith({ q: 'sara', kind: undefined }, expect.any(AbortSignal));
  expect(hit.textContent).toContain('Relationship strength 64 of 100');
  expect(hit.textContent).toContain('Priya Shah knows them best');
  expect(screen.getByRole('status').textContent).toBe('Results for “sara”: 1');
});

test('a newer query aborts the older request, and the older answer never shows', async () => {
  const { office } = fakeOffice(null);
  const answers = new Map<string, ReturnType<typeof deferred<SearchResponse>>>();
  const signals = new Map<string, AbortSignal>();
  const search = (q: { q: string }, signal?: AbortSignal) => {
    const d = deferred<SearchResponse>();
    answers.set(q.q, d);
    signals.set(q.q, signal!);
    return d.promise;
  };
  renderPane(office, <SearchPanel api={fakeApi({ search })} signIn={noSignIn} />);
  typeInto('old');
  await waitFor(() => expect(answers.has('old')).toBe(true));
  typeInto('new');
  await waitFor(() => expect(answers.has('new')).toBe(true));
  expect(signals.get('old')!.aborted).toBe(true);
  await act(async () => answers.get('new')!.resolve(answer([person('new.person@fabrikam.com')])));
  await act(async () => answers.get('old')!.resolve(answer([person('old.person@fabrikam.com')])));
  expect(await screen.findByRole('button', { name: /new person/ })).toBeTruthy();
  expect(screen.queryByRole('button', { name: /old person/ })).toBeNull();
});

test('the keyboard reaches every result, and picking a person shows their card with Back to the results', async () => {
  const { office } = fakeOffice(null);
  const search = () =>
    Promise.resolve(
      answer([person('sarah.allen@fabrikam.com'), person('sam.lee@fabrikam.com', { strength: 40 })]),
    );
  const contacts = jest.fn(() => Promise.resolve(contactsAnswer([externalContact('sam.lee@fabrikam.com')])));
  renderPane(office, <SearchPanel api={fakeApi({ search, contacts })} signIn={noSignIn} />);
  typeInto('sa');
  const first = await screen.findByRole('button', { name: /sarah allen/ });
  fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'ArrowDown' });
  expect(document.activeElement).toBe(first);
  fireEvent.keyDown(first, { key: 'ArrowDown' });
  const second = screen.getByRole('button', { name: /sam lee/ });
  await waitFor(() => expect(document.activeElement).toBe(second));
  fireEvent.click(second);
  const card = await screen.findByRole('article', { name: 'sam lee' });
  expect(contacts).toHaveBeenCalledWith(['sam.lee@fabrikam.com'], expect.any(AbortSignal));
  expect(card.textContent).toContain('Buyer at Fabrikam');
  fireEvent.click(screen.getByRole('button', { name: 'Back to results' }));
  expect(await screen.findByRole('button', { name: /sarah allen/ })).toBeTruthy();
  fireEvent.keyDown(screen.getByRole('button', { name: /sarah allen/ }), { key: 'Escape' });
  expect(document.activeElement).toBe(screen.getByRole('searchbox'));
});

test('in the task pane, the results take the email’s place while the box holds a query', async () => {
  const { office } = fakeOffice(mailItem('sarah.allen@fabrikam.com'));
  const api = fakeApi({
    me: () => Promise.resolve(me),
    contacts: () => Promise.resolve(contactsAnswer([externalContact('sarah.allen@fabrikam.com')])),
    search: () => Promise.resolve(answer([], { complete: false })),
  });
  renderPane(office, <TaskPane office={office} api={api} signIn={noSignIn} />);
  await screen.findByRole('article', { name: 'sarah allen' });
  typeInto('zz');
  expect(await screen.findByText('Many match: type more to narrow the list.')).toBeTruthy();
  expect(screen.queryByRole('article')).toBeNull();
  expect(screen.getByRole('status').textContent).toBe('Nobody matches “zz”.');
  typeInto('');
  expect(await screen.findByRole('article', { name: 'sarah allen' })).toBeTruthy();
});

test('says so in Japanese when the organisation hides email activity', async () => {
  const { office } = fakeOffice(null, { displayLanguage: 'ja-JP' });
  const search = () => Promise.resolve(answer([], { hiddenByDisplaySetting: true }));
  renderPane(office, <SearchPanel api={fakeApi({ search })} signIn={noSignIn} />, 'ja');
  fireEvent.change(screen.getByRole('searchbox', { name: '人・会社・同僚を検索' }), {
    target: { value: '田中' },
  });
  expect(await screen.findByText(/組織の設定によりメールの活動は表示されない/)).toBeTruthy();
});
