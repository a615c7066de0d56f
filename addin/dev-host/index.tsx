import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { createRoot } from 'react-dom/client';
import { loadSignInSettings, msalConfiguration } from '../common/auth';
import { DevHost, paneWidths, type PaneWidth } from './DevHost';

/**
 * The dev host: the product without Outlook. Signs in against the configured authority (the
 * emulator in development), lists the signed-in user's own mail from Graph, and frames the
 * built panes with a stand-in Office.
 */
async function main(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const settings = await loadSignInSettings(window.location.origin);
  const pca = await createStandardPublicClientApplication(
    msalConfiguration(settings, window.location.origin),
  );
  const result = await pca.handleRedirectPromise();
  if (result?.account) pca.setActiveAccount(result.account);
  const params = new URLSearchParams(window.location.search);
  root.render(
    <DevHost
      pca={pca}
      settings={settings}
      initial={{
        pane: params.get('pane') === 'admin' ? 'admin' : 'taskpane',
        lang: params.get('lang') ?? 'en-US',
        theme: params.get('theme') === 'dark' ? 'dark' : 'light',
        width: widthOf(params.get('width')),
      }}
    />,
  );
}

/** `?width=320|348|420|mobile`; Outlook's default task pane width otherwise. */
function widthOf(value: string | null): PaneWidth {
  if (value === 'mobile') return 'mobile';
  return paneWidths.find((w) => String(w) === value) ?? 348;
}

main().catch((err: unknown) => {
  document.body.textContent = `The dev host could not start: ${(err as Error).message}`;
  console.error(err);
});
