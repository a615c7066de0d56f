import {
  Button,
  FluentProvider,
  makeStyles,
  Select,
  Spinner,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { SignInSettings } from '../common/auth';
import { recentMessages } from './graph-mail';
import { createOfficeStandIn, type StandInMessage } from './office-stand-in';

/** Not translated on purpose: a developer tool, not part of the product's UI. */

/** Outlook's task pane widths: its narrowest, its default on Windows, and a roomy one. */
export const paneWidths = [320, 348, 420] as const;
/** A common phone's CSS viewport (375 × 667, as iPhone SE). */
const phone = { width: 375, height: 667 };
export type PaneWidth = (typeof paneWidths)[number] | 'mobile';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    gridTemplateRows: 'auto minmax(0, 1fr)',
    height: '100vh',
    overflow: 'hidden',
    fontFamily: tokens.fontFamilyBase,
  },
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    padding: tokens.spacingHorizontalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    flexWrap: 'wrap',
  },
  body: { display: 'grid', minHeight: 0, height: '100%' },
  mailbox: { overflowY: 'auto', minHeight: 0, borderRight: `1px solid ${tokens.colorNeutralStroke1}` },
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  message: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    background: 'none',
    padding: tokens.spacingHorizontalS,
    cursor: 'pointer',
    font: 'inherit',
    color: 'inherit',
  },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  from: { fontWeight: tokens.fontWeightSemibold, display: 'block' },
  subject: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  frame: { width: '100%', height: '100%', border: 'none', display: 'block' },
  // A phone's screen, where Outlook mobile shows the task pane full screen.
  phone: {
    alignSelf: 'start',
    justifySelf: 'center',
    margin: tokens.spacingVerticalL,
    width: `${phone.width}px`,
    height: `${phone.height}px`,
    border: `12px solid ${tokens.colorNeutralForeground1}`,
    borderRadius: '28px',
    overflow: 'hidden',
  },
});

export interface DevHostProps {
  pca: IPublicClientApplication;
  settings: SignInSettings;
  initial: { pane: 'taskpane' | 'admin'; lang: string; theme: 'light' | 'dark'; width: PaneWidth };
}

export function DevHost({ pca, settings, initial }: DevHostProps) {
  const styles = useStyles();
  const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
  const [pane, setPane] = useState(initial.pane);
  const [lang, setLang] = useState(initial.lang);
  const [theme, setTheme] = useState(initial.theme);
  const [width, setWidth] = useState<PaneWidth>(initial.width);
  const [messages, setMessages] = useState<StandInMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<StandInMessage | null>(null);
  const mobile = width === 'mobile';

  // A new stand-in (and pane load) when the language or the device changes: Office reads both
  // once at start too. The theme is applied live, as Office's OfficeThemeChanged does.
  const standIn = useMemo(
    () =>
      createOfficeStandIn({
        displayLanguage: lang,
        theme: 'light',
        userEmail: account?.username ?? null,
        userName: account?.name ?? null,
        platform: mobile ? 'Android' : 'OfficeOnline',
      }),
    [lang, account?.username, account?.name, mobile],
  );
  // Before the framed pane's scripts run (layout effects run right after the frame is attached).
  useLayoutEffect(() => {
    window.smartActivityDevHost = { office: standIn.office };
  }, [standIn]);
  useLayoutEffect(() => standIn.setTheme(theme), [standIn, theme]);
  useLayoutEffect(() => standIn.select(selected), [standIn, selected]);

  useEffect(() => {
    if (!account) return;
    pca
      .acquireTokenSilent({ scopes: ['Mail.Read'], account })
      .then((r) => recentMessages(settings.graphBaseUrl ?? 'https://graph.microsoft.com', r.accessToken))
      .then(setMessages, (err: Error) => setError(err.message));
  }, [pca, account, settings.graphBaseUrl]);

  if (!account) {
    return (
      <FluentProvider theme={webLightTheme}>
        <main style={{ padding: 24 }}>
          <h1>Smart Activity Management — dev host</h1>
          <p>
            Sign in with an account of the (emulated) Microsoft 365 tenants to load your mailbox and the
            panes.
          </p>
          <Button
            appearance="primary"
            onClick={() => void pca.loginRedirect({ scopes: [settings.apiScope] })}
            data-testid="devhost-sign-in"
          >
            Sign in
          </Button>
        </main>
      </FluentProvider>
    );
  }

  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.page}>
        <header className={styles.bar}>
          <strong>Dev host</strong>
          <span data-testid="devhost-account">{account.username}</span>
          <label>
            Pane{' '}
            <Select
              value={pane}
              onChange={(_e, d) => setPane(d.value as 'taskpane' | 'admin')}
              data-testid="devhost-pane"
            >
              <option value="taskpane">Task pane</option>
              <option value="admin">Admin pane</option>
            </Select>
          </label>
          <label>
            Language{' '}
            <Select value={lang} onChange={(_e, d) => setLang(d.value)} data-testid="devhost-lang">
              <option value="en-US">English</option>
              <option value="ja-JP">日本語</option>
            </Select>
          </label>
          <label>
            Width{' '}
            <Select
              value={String(width)}
              onChange={(_e, d) => setWidth(d.value === 'mobile' ? 'mobile' : (Number(d.value) as PaneWidth))}
              data-testid="devhost-width"
            >
              {paneWidths.map((w) => (
                <option key={w} value={w}>
                  {w} px
                </option>
              ))}
              <option value="mobile">Phone (Outlook mobile)</option>
            </Select>
          </label>
          <label>
            Theme{' '}
            <Select
              value={theme}
              onChange={(_e, d) => setTheme(d.value as 'light' | 'dark')}
              data-testid="devhost-theme"
            >
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </Select>
          </label>
          <Button
            onClick={() => void pca.loginRedirect({ scopes: [settings.apiScope], prompt: 'select_account' })}
          >
            Switch account
          </Button>
        </header>
        <div
          className={styles.body}
          style={{ gridTemplateColumns: `minmax(16em, 1fr) ${mobile ? phone.width + 48 : width}px` }}
        >
          <nav aria-label="Mailbox" className={styles.mailbox}>
            {error && <p role="alert">{error}</p>}
            {!messages && !error && <Spinner size="small" label="Reading your mailbox…" />}
            <ul className={styles.list} data-testid="devhost-messages">
              {messages?.map((m) => (
                <li key={m.itemId}>
                  <button
                    type="button"
                    className={`${styles.message} ${m.itemId === selected?.itemId ? styles.selected : ''}`}
                    onClick={() => setSelected(m)}
                    aria-current={m.itemId === selected?.itemId}
                    data-testid="devhost-message"
                    data-from={m.from?.address ?? ''}
                  >
                    <span className={styles.from}>{m.from?.name ?? '(no sender)'}</span>
                    <span className={styles.subject}>{m.subject}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className={mobile ? styles.phone : undefined} data-testid="devhost-pane-box">
            <iframe
              key={`${pane}-${lang}-${mobile}`}
              className={styles.frame}
              title={pane === 'admin' ? 'Admin pane' : 'Task pane'}
              src={`/addin/${pane === 'admin' ? 'admin' : 'taskpane'}.html`}
              data-testid="devhost-frame"
            />
          </div>
        </div>
      </div>
    </FluentProvider>
  );
}
