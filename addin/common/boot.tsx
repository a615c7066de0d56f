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
 */
export async function bootPane(root: Root, render: (context: PaneContext) => ReactNode): Promise<void> {
  const office = await connectOffice();
  const translator = createTranslator(office.displayLanguage);
  document.documentElement.lang = translator.locale;
  const show = (node: ReactNode) =>
    root.render(
      <PaneShell office={office} translator={translator}>
        {node}
      </PaneShell>,
    );
  show(<Spinner size="small" label={translator.t('common.loading')} />);
  const origin = window.location.origin;
  const start = async () => {
    try {
      const settings = await loadSignInSettings(origin);
      const auth = await createPaneAuth(settings, office, origin);
      const api = createApiClient({ baseUrl: origin, tokens: auth });
      show(render({ office, api, auth }));
    } catch (err) {
      show(<ProblemMessage error={err} onRetry={() => void start()} />);
    }
  };
  await start();
}
