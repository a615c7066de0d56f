import { dialogMessageOf } from '../common/office';

/**
 * A stand-in for the parts of Office.js the panes use, for the dev host page: the selected
 * message, ItemChanged, the display language, the theme, and dialogs (a browser window whose
 * postMessage is relayed as `DialogMessageReceived`, as `messageParent` would be in Outlook).
 */

export interface StandInMessage {
  itemId: string;
  internetMessageId: string;
  subject: string;
  from: { name: string; address: string } | null;
  to: Array<{ name: string; address: string }>;
  cc: Array<{ name: string; address: string }>;
}

export interface StandInOptions {
  displayLanguage: string;
  theme: 'light' | 'dark';
  userEmail: string | null;
  userName: string | null;
  /** Office.PlatformType: `OfficeOnline` for Outlook on the web, `Android`/`iOS` for Outlook mobile. */
  platform?: 'OfficeOnline' | 'Android' | 'iOS';
}

export interface OfficeStandIn {
  office: typeof Office;
  select(message: StandInMessage | null): void;
  setTheme(theme: 'light' | 'dark'): void;
}

const EventType = {
  ItemChanged: 'olkItemSelectedChanged',
  OfficeThemeChanged: 'officeThemeChanged',
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
} as const;
const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' } as const;

const themes = {
  light: {
    bodyBackgroundColor: '#ffffff',
    bodyForegroundColor: '#242424',
    controlBackgroundColor: '#ffffff',
    controlForegroundColor: '#242424',
  },
  dark: {
    bodyBackgroundColor: '#1f1f1f',
    bodyForegroundColor: '#ffffff',
    controlBackgroundColor: '#292929',
    controlForegroundColor: '#ffffff',
  },
};

const details = (p: { name: string; address: string }) => ({
  displayName: p.name,
  emailAddress: p.address,
  recipientType: 'externalUser',
});

type Handler = (args: unknown) => void;

export function createOfficeStandIn(options: StandInOptions): OfficeStandIn {
  const handlers = new Map<string, Handler>();
  let selected: StandInMessage | null = null;
  const officeTheme = { ...themes[options.theme] };

  const succeed = (cb?: (r: unknown) => void, value?: unknown) =>
    setTimeout(() => cb?.({ status: AsyncResultStatus.Succeeded, value }), 0);

  function displayDialogAsync(url: string, _options: unknown, callback?: (result: unknown) => void) {
    const popup = window.open(url, '_blank', 'popup,width=520,height=680');
    if (!popup) {
      callback?.({ status: AsyncResultStatus.Failed, error: { code: 12009, message: 'Popup blocked' } });
      return;
    }
    const dialogHandlers = new Map<string, Handler>();
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin) return;
      const message = dialogMessageOf(event.data);
      if (message !== null)
        dialogHandlers.get(EventType.DialogMessageReceived)?.({ message, origin: event.origin });
    };
    window.addEventListener('message', onMessage);
    const stop = () => {
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
    };
    const watch = setInterval(() => {
      if (popup.closed) {
        stop();
        dialogHandlers.get(EventType.DialogEventReceived)?.({ error: 12006 });
      }
    }, 500);
    callback?.({
      status: AsyncResultStatus.Succeeded,
      value: {
        addEventHandler: (type: string, handler: Handler) => dialogHandlers.set(type, handler),
        close: () => {
          stop();
          popup.close();
        },
      },
    });
  }

  const office = {
    onReady: () => Promise.resolve({ host: 'Outlook', platform: options.platform ?? 'OfficeOnline' }),
    EventType,
    AsyncResultStatus,
    context: {
      platform: options.platform ?? 'OfficeOnline',
      displayLanguage: options.displayLanguage,
      officeTheme,
      requirements: { isSetSupported: (name: string) => name === 'Mailbox' },
      ui: { displayDialogAsync },
      mailbox: {
        get item() {
          if (!selected) return null;
          return {
            itemId: selected.itemId,
            internetMessageId: selected.internetMessageId,
            subject: selected.subject,
            from: selected.from ? details(selected.from) : undefined,
            to: selected.to.map(details),
            cc: selected.cc.map(details),
          };
        },
        userProfile: { emailAddress: options.userEmail ?? '', displayName: options.userName ?? '' },
        addHandlerAsync(type: string, handler: Handler, callback?: (r: unknown) => void) {
          handlers.set(type, handler);
          succeed(callback);
        },
        removeHandlerAsync(type: string, callback?: (r: unknown) => void) {
          handlers.delete(type);
          succeed(callback);
        },
      },
    },
  };

  return {
    // The panes use only the members above; the cast is the dev host's promise to keep them in step.
    office: office as unknown as typeof Office,
    select(message) {
      selected = message;
      handlers.get(EventType.ItemChanged)?.({ type: EventType.ItemChanged });
    },
    setTheme(theme) {
      Object.assign(officeTheme, themes[theme]);
      handlers.get(EventType.OfficeThemeChanged)?.({ type: EventType.OfficeThemeChanged });
    },
  };
}
