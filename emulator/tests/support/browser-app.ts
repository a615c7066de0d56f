/**
 * The test page's script: a single-page app signing in with @azure/msal-browser against the
 * emulator (authority host = emulator, knownAuthorities), as the add-in does against Entra.
 * Bundled with esbuild by msal-browser.test.ts.
 */
import { PublicClientApplication } from '@azure/msal-browser';

interface PageConfig {
  emulatorUrl: string;
  clientId: string;
  apiScope: string;
}

const w = window as unknown as { EMU: PageConfig; RESULT?: unknown; ERROR?: string };

async function main(): Promise<void> {
  const config = w.EMU;
  const pca = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `${config.emulatorUrl}/organizations`,
      knownAuthorities: [new URL(config.emulatorUrl).host],
      redirectUri: `${location.origin}/`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  const result = await pca.handleRedirectPromise();
  if (result) {
    // Silent: it works only where a grant already covers Graph's User.Read (tests that know it
    // does not set localStorage.skipGraph, so as not to wait for msal's iframe timeout).
    const graph = localStorage.getItem('skipGraph')
      ? {}
      : await pca
          .acquireTokenSilent({ scopes: ['User.Read'], account: result.account })
          .then((r) => ({ graphToken: r.accessToken }))
          .catch((err: { errorCode?: string }) => ({ graphError: err.errorCode ?? String(err) }));
    w.RESULT = { account: result.account, accessToken: result.accessToken, ...graph };
    document.title = 'signed-in';
    return;
  }
  document.getElementById('login')!.addEventListener('click', () => {
    void pca.loginRedirect({ scopes: [config.apiScope] });
  });
  document.title = 'ready';
}

main().catch((err: unknown) => {
  w.ERROR = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  document.title = 'error';
});
