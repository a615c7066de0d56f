/**
 * The one module that touches Office.js. Components get an `OfficeHost` as a prop, so the panes
 * render and test without Outlook (and the dev host can stand in for it).
 */

export interface Participant {
  name: string;
  email: string;
}

/** What the task pane needs from the selected message (read mode). */
export interface MailItem {
  itemId: string | null;
  internetMessageId: string | null;
  subject: string;
  from: Participant | null;
  to: Participant[];
  cc: Participant[];
}

export type ThemeKind = 'light' | 'dark';

export interface DialogHandle {
  close(): void;
}

export interface DialogEvents {
  /** A message the dialog page sent with `Office.context.ui.messageParent`. */
  onMessage(message: string): void;
  /** The person closed the dialog (or it failed to navigate). */
  onClosed(): void;
}

export interface OfficeHost {
  /** `outlook` inside Outlook, `devhost` inside the dev host page, `none` opened on its own. */
  kind: 'outlook' | 'devhost' | 'none';
  displayLanguage: string;
  theme: ThemeKind;
  /** The signed-in mailbox's address, used as a sign-in hint. */
  userEmail: string | null;
  supportsNestedAppAuth: boolean;
  /** Outlook on iOS or Android: the pane fills a phone's screen and is used by touch. */
  mobile: boolean;
  currentItem(): MailItem | null;
  /** Pinned panes stay open while the person selects other emails. Returns an unsubscribe function. */
  onItemChanged(listener: (item: MailItem | null) => void): () => void;
  onThemeChanged(listener: (theme: ThemeKind) => void): () => void;
  openDialog(
    url: string,
    events: DialogEvents,
    size?: { height: number; width: number },
  ): Promise<DialogHandle>;
}

/** The dev host (addin/dev-host) hands its stand-in `Office` to the framed panes through this. */
export interface DevHostBridge {
  office: typeof Office;
}

declare global {
  interface Window {
    smartActivityDevHost?: DevHostBridge;
  }
}

function devHostOffice(): typeof Office | undefined {
  if (window.parent === window) return undefined;
  try {
    // Same-origin only: a cross-origin parent (Outlook on the web) throws here.
    return window.parent.smartActivityDevHost?.office;
  } catch {
    return undefined;
  }
}

function participant(details: Office.EmailAddressDetails | undefined | null): Participant | null {
  if (!details || typeof details.emailAddress !== 'string' || details.emailAddress === '') return null;
  return { name: details.displayName || details.emailAddress, email: details.emailAddress.toLowerCase() };
}

function participants(list: Office.EmailAddressDetails[] | undefined): Participant[] {
  if (!Array.isArray(list)) return [];
  return list.map(participant).filter((p): p is Participant => p !== null);
}

/** Reads the selected message; null when nothing (or a compose form) is selected. */
export function readMailItem(office: typeof Office): MailItem | null {
  const item = office.context.mailbox?.item as Office.MessageRead | null | undefined;
  if (!item) return null;
  const from = item.from as Office.EmailAddressDetails | undefined;
  // In compose mode these are objects with getAsync; the pane runs in read mode only.
  if (from && typeof from.emailAddress !== 'string') return null;
  return {
    itemId: typeof item.itemId === 'string' ? item.itemId : null,
    internetMessageId: typeof item.internetMessageId === 'string' ? item.internetMessageId : null,
    subject: typeof item.subject === 'string' ? item.subject : '',
    from: participant(from),
    to: participants(item.to as Office.EmailAddressDetails[] | undefined),
    cc: participants(item.cc as Office.EmailAddressDetails[] | undefined),
  };
}

/** Light or dark from the Office theme's body background (Office has no explicit flag). */
export function themeOf(office: typeof Office): ThemeKind {
  const background = office.context.officeTheme?.bodyBackgroundColor;
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background ?? '');
  if (!match) return 'light';
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16) / 255) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? 'dark' : 'light';
}

/** Office.context.platform (PlatformType) is `iOS` or `Android` in Outlook mobile. */
export function isMobilePlatform(office: typeof Office): boolean {
  const platform = office.context.platform ?? office.context.diagnostics?.platform;
  return /^(ios|android)$/i.test(String(platform ?? ''));
}

function addHandler(
  office: typeof Office,
  type: Office.EventType,
  handler: (args: unknown) => void,
): () => void {
  const mailbox = office.context.mailbox;
  if (!mailbox?.addHandlerAsync) return () => undefined;
  let added = false;
  let removed = false;
  mailbox.addHandlerAsync(type, handler, (result: Office.AsyncResult<void>) => {
    added = result.status === office.AsyncResultStatus.Succeeded;
    if (added && removed) mailbox.removeHandlerAsync(type);
  });
  return () => {
    removed = true;
    if (added) mailbox.removeHandlerAsync(type);
  };
}

export function officeHostFrom(office: typeof Office, kind: OfficeHost['kind']): OfficeHost {
  const itemListeners = new Set<(item: MailItem | null) => void>();
  const themeListeners = new Set<(theme: ThemeKind) => void>();
  let unsubscribeItem: (() => void) | null = null;
  let unsubscribeTheme: (() => void) | null = null;

  const host: OfficeHost = {
    kind,
    displayLanguage: office.context.displayLanguage || 'en-US',
    theme: themeOf(office),
    userEmail: office.context.mailbox?.userProfile?.emailAddress?.toLowerCase() ?? null,
    supportsNestedAppAuth: office.context.requirements?.isSetSupported?.('NestedAppAuth', '1.1') ?? false,
    mobile: isMobilePlatform(office),
    currentItem: () => readMailItem(office),
    onItemChanged(listener) {
      itemListeners.add(listener);
      unsubscribeItem ??= addHandler(office, office.EventType.ItemChanged, () => {
        const item = readMailItem(office);
        itemListeners.forEach((l) => l(item));
      });
      return () => {
        itemListeners.delete(listener);
        if (itemListeners.size === 0) {
          unsubscribeItem?.();
          unsubscribeItem = null;
        }
      };
    },
    onThemeChanged(listener) {
      themeListeners.add(listener);
      unsubscribeTheme ??= addHandler(office, office.EventType.OfficeThemeChanged, () => {
        host.theme = themeOf(office);
        themeListeners.forEach((l) => l(host.theme));
      });
      return () => {
        themeListeners.delete(listener);
        if (themeListeners.size === 0) {
          unsubscribeTheme?.();
          unsubscribeTheme = null;
        }
      };
    },
    openDialog(url, events, size = { height: 70, width: 40 }) {
      return new Promise((resolve, reject) => {
        office.context.ui.displayDialogAsync(
          url,
          { height: size.height, width: size.width, promptBeforeOpen: false },
          (result) => {
            if (result.status !== office.AsyncResultStatus.Succeeded) {
              reject(new Error(result.error?.message ?? 'The dialog could not be opened.'));
              return;
            }
            const dialog = result.value;
            dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
              if ('message' in arg) events.onMessage(arg.message);
            });
            // 12006: closed by the person; other codes: the page could not load.
            dialog.addEventHandler(office.EventType.DialogEventReceived, () => events.onClosed());
            resolve({ close: () => dialog.close() });
          },
        );
      });
    },
  };
  return host;
}

/**
 * Outside Office: a browser window stands in for the dialog. Pages that would call
 * `messageParent` post `{type:'smart-activity-dialog', message}` (or the consent page's
 * `{type:'smart-activity-consent', result}`) to their opener instead.
 */
export function openBrowserDialog(
  url: string,
  events: DialogEvents,
  size = { height: 70, width: 40 },
): Promise<DialogHandle> {
  const width = Math.round((window.screen.availWidth * size.width) / 100);
  const height = Math.round((window.screen.availHeight * size.height) / 100);
  const popup = window.open(url, '_blank', `popup,width=${width},height=${height}`);
  if (!popup) return Promise.reject(new Error('The browser blocked the dialog window.'));
  let done = false;
  const finish = () => {
    done = true;
    window.removeEventListener('message', onMessage);
    clearInterval(watch);
  };
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== window.location.origin) return;
    const message = dialogMessageOf(event.data);
    if (message !== null) events.onMessage(message);
  };
  window.addEventListener('message', onMessage);
  const watch = setInterval(() => {
    if (popup.closed && !done) {
      finish();
      events.onClosed();
    }
  }, 500);
  return Promise.resolve({
    close() {
      finish();
      popup.close();
    },
  });
}

/** The message a dialog page sent its opener, as `messageParent` would have delivered it. */
export function dialogMessageOf(data: unknown): string | null {
  const d = data as { type?: string; message?: unknown; result?: unknown } | null;
  if (d?.type === 'smart-activity-dialog' && typeof d.message === 'string') return d.message;
  if (d?.type === 'smart-activity-consent' && d.result) return JSON.stringify(d.result);
  return null;
}

const noOffice: OfficeHost = {
  kind: 'none',
  displayLanguage: typeof navigator === 'undefined' ? 'en-US' : navigator.language,
  theme: 'light',
  userEmail: null,
  supportsNestedAppAuth: false,
  mobile: false,
  currentItem: () => null,
  onItemChanged: () => () => undefined,
  onThemeChanged: () => () => undefined,
  openDialog: openBrowserDialog,
};

/**
 * Waits for Office.js (or the dev host's stand-in). Opened outside Outlook, or when Office.js did
 * not load, the pane still renders, with no mailbox item.
 */
export async function connectOffice(timeoutMs = 10_000): Promise<OfficeHost> {
  const standIn = devHostOffice();
  if (standIn) {
    await standIn.onReady();
    return officeHostFrom(standIn, 'devhost');
  }
  const office = (window as { Office?: typeof Office }).Office;
  if (!office?.onReady) return noOffice;
  const ready = await Promise.race([
    office.onReady().then((info) => info),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
  ]);
  if (!ready || !ready.host || !office.context) return noOffice;
  return officeHostFrom(office, 'outlook');
}

/**
 * The dialog page's side: true when Office.js runs this page as an Office dialog (then
 * `messageParent` reaches the pane); false in a plain browser window (dev host, pane outside Office).
 */
export async function isOfficeDialog(timeoutMs = 3_000): Promise<boolean> {
  const office = (window as { Office?: typeof Office }).Office;
  if (!office?.onReady) return false;
  const info = await Promise.race([
    office.onReady(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
  ]);
  return Boolean(info?.host) && typeof office.context?.ui?.messageParent === 'function';
}

/** The dialog page's side: hand a message to the pane that opened it. */
export function messageParent(message: string, inOfficeDialog: boolean): void {
  if (inOfficeDialog) {
    (window as { Office?: typeof Office }).Office!.context.ui.messageParent(message);
  } else if (window.opener && window.opener !== window) {
    (window.opener as Window).postMessage({ type: 'smart-activity-dialog', message }, window.location.origin);
  }
}
