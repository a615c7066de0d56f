import { Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import { createApiClient, type ApiClient } from './api';
import { createPaneAuth, loadSignInSettings, type PaneAuth } from './auth';
import { createTranslator } from './i18n';
import { connectOffice, type OfficeHost } from './office';
import { PaneShell } from './PaneShell';
import { ProblemMessage } from './ProblemMessage';

export interface PaneContext {
  office: OfficeHost;
  api: ApiClient;
  auth: PaneAuth;
}

/**
 * Starts a pane the way Microsoft's task-pane template does (Office ready → FluentProvider →
 * App), with sign-in and the API client wired, and the Office adapter handed down as a prop.
 * The sign-in settings are fetched while Office starts: neither waits for the other.
 *
 * `sam:*` performance marks (User Timing) time the steps to the first card for
 * `npm run bench:addin` and the browser's performance panel.
 */
export async function bootPane(root: Root, render: (context: PaneContext) => ReactNode): Promise<void> {
  performance.mark('sam:boot');
  const origin = window.location.origin;
  let settings = loadSignInSettings(origin);
  settings.catch(() => undefined); // awaited below
  const office = await connectOffice();
  performance.mark('sam:office');
  const translator = createTranslator(office.displayLanguage);
  document.documentElement.lang = translator.locale;
  const show = (node: ReactNode) =>
    root.render(
      <PaneShell office={office} translator={translator}>
        {node}
      </PaneShell>,
    );
  show(<Spinner size="small" label={translator.t('common.loading')} />);
  const start = async () => {
    try {
      const auth = await createPaneAuth(await settings, office, origin);
      performance.mark('sam:auth');
      // Ask MSAL for the token now, while the pane renders: its first request then finds it ready.
      auth.getToken().catch(() => undefined);
      const api = createApiClient({ baseUrl: origin, tokens: auth });
      show(render({ office, api, auth }));
    } catch (err) {
      settings = loadSignInSettings(origin);
      settings.catch(() => undefined);
      show(<ProblemMessage error={err} onRetry={() => void start()} />);
    }
  };
  await start();
}
