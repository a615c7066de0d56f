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
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SignInSettings } from '../common/auth';
import { recentMessages } from './graph-mail';
import { createOfficeStandIn, type StandInMessage } from './office-stand-in';

/** Not translated on purpose: a developer tool, not part of the product's UI. */

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
  body: { display: 'grid', gridTemplateColumns: 'minmax(16em, 1fr) 420px', minHeight: 0, height: '100%' },
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
  frame: { width: '100%', height: '100%', border: 'none' },
});

export interface DevHostProps {
  pca: IPublicClientApplication;
  settings: SignInSettings;
  initial: { pane: 'taskpane' | 'admin'; lang: string; theme: 'light' | 'dark' };
}

export function DevHost({ pca, settings, initial }: DevHostProps) {
  const styles = useStyles();
  const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
  const [pane, setPane] = useState(initial.pane);
  const [lang, setLang] = useState(initial.lang);
  const [theme, setTheme] = useState(initial.theme);
  const [messages, setMessages] = useState<StandInMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  // A new stand-in (and pane load) when the language changes: Office reads it once at start too.
  const standIn = useMemo(
    () =>
      createOfficeStandIn({
        displayLanguage: lang,
        theme,
        userEmail: account?.username ?? null,
        userName: account?.name ?? null,
      }),
    [lang, account?.username],
  );
  window.smartActivityDevHost = { office: standIn.office };
  useEffect(() => standIn.setTheme(theme), [standIn, theme]);

  useEffect(() => {
    if (!account) return;
    pca
      .acquireTokenSilent({ scopes: ['Mail.Read'], account })
      .then((r) => recentMessages(settings.graphBaseUrl ?? 'https://graph.microsoft.com', r.accessToken))
      .then(setMessages, (err: Error) => setError(err.message));
  }, [pca, account, settings.graphBaseUrl]);

  const select = (m: StandInMessage) => {
    setSelectedId(m.itemId);
    standIn.select(m);
  };

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
        <div className={styles.body}>
          <nav aria-label="Mailbox" className={styles.mailbox}>
            {error && <p role="alert">{error}</p>}
            {!messages && !error && <Spinner size="small" label="Reading your mailbox…" />}
            <ul className={styles.list} data-testid="devhost-messages">
              {messages?.map((m) => (
                <li key={m.itemId}>
                  <button
                    type="button"
                    className={`${styles.message} ${m.itemId === selectedId ? styles.selected : ''}`}
                    onClick={() => select(m)}
                    aria-current={m.itemId === selectedId}
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
          <iframe
            key={`${pane}-${lang}`}
            ref={frame}
            className={styles.frame}
            title={pane === 'admin' ? 'Admin pane' : 'Task pane'}
            src={`/addin/${pane === 'admin' ? 'admin' : 'taskpane'}.html`}
            data-testid="devhost-frame"
          />
        </div>
      </div>
    </FluentProvider>
  );
}
