import { OfficeMockObject } from 'office-addin-mock';
import { officeHostFrom, readMailItem, themeOf } from '../../addin/common/office';

/** The Office adapter against office-addin-mock's stand-in of Office.js. */

/** office-addin-manifest's OfficeApp.Outlook (importing the enum would load that whole package). */
const outlook = 'outlook' as unknown as ConstructorParameters<typeof OfficeMockObject>[1];

function outlookMock(item: Record<string, unknown> | null, theme = '#ffffff') {
  const handlers: Record<string, () => void> = {};
  const data = {
    context: {
      displayLanguage: 'ja-JP',
      officeTheme: { bodyBackgroundColor: theme },
      requirements: { isSetSupported: (name: string) => name === 'NestedAppAuth' },
      mailbox: {
        item: item ?? {},
        userProfile: { emailAddress: 'Daniel.Brooks@contoso.com' },
        addHandlerAsync(type: string, handler: () => void, callback: (r: unknown) => void) {
          handlers[type] = handler;
          callback({ status: 'succeeded' });
        },
        removeHandlerAsync(type: string) {
          delete handlers[type];
        },
      },
    },
    EventType: { ItemChanged: 'olkItemSelectedChanged', OfficeThemeChanged: 'officeThemeChanged' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  };
  const mock = new OfficeMockObject(data, outlook) as unknown as typeof Office;
  const select = (next: Record<string, unknown> | null) => {
    (mock.context.mailbox as unknown as { item: unknown }).item = next;
  };
  select(item);
  return { mock, select, handlers };
}

const message = {
  itemId: 'AAMk1',
  internetMessageId: '<1@fabrikam.com>',
  subject: 'Quarterly pricing update',
  from: { displayName: 'Sarah Allen', emailAddress: 'Sarah.Allen@Fabrikam.com' },
  to: [{ displayName: 'Daniel Brooks', emailAddress: 'daniel.brooks@contoso.com' }],
  cc: [{ displayName: '', emailAddress: 'buyer@tailspin.com' }],
};

test('reads the selected message: from, to, cc, subject and internet message id, addresses in lower case', () => {
  const { mock } = outlookMock(message);
  expect(readMailItem(mock)).toEqual({
    itemId: 'AAMk1',
    internetMessageId: '<1@fabrikam.com>',
    subject: 'Quarterly pricing update',
    from: { name: 'Sarah Allen', email: 'sarah.allen@fabrikam.com' },
    to: [{ name: 'Daniel Brooks', email: 'daniel.brooks@contoso.com' }],
    cc: [{ name: 'buyer@tailspin.com', email: 'buyer@tailspin.com' }],
  });
});

test('no selected message, or a compose form, reads as no item', () => {
  expect(readMailItem(outlookMock(null).mock)).toBeNull();
  const compose = { ...message, from: { getAsync: () => undefined } };
  expect(readMailItem(outlookMock(compose).mock)).toBeNull();
});

test('the host reports language, theme, the user and NAA support, and follows ItemChanged until unsubscribed', () => {
  const { mock, select, handlers } = outlookMock(message, '#1f1f1f');
  const host = officeHostFrom(mock, 'outlook');
  expect(host).toMatchObject({
    displayLanguage: 'ja-JP',
    theme: 'dark',
    userEmail: 'daniel.brooks@contoso.com',
    supportsNestedAppAuth: true,
  });
  const seen: Array<string | null> = [];
  const stop = host.onItemChanged((item) => seen.push(item?.subject ?? null));
  select({ ...message, subject: 'Second email' });
  handlers.olkItemSelectedChanged!();
  select(null);
  handlers.olkItemSelectedChanged!();
  expect(seen).toEqual(['Second email', null]);
  stop();
  expect(handlers.olkItemSelectedChanged).toBeUndefined();
});

test('light or dark from the Office theme background', () => {
  expect(themeOf(outlookMock(null, '#ffffff').mock)).toBe('light');
  expect(themeOf(outlookMock(null, '#292929').mock)).toBe('dark');
  expect(themeOf(outlookMock(null, 'not a colour').mock)).toBe('light');
});
