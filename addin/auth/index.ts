import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { loadSignInSettings, msalConfiguration, type DialogSignInMessage } from '../common/auth';
import { createTranslator } from '../common/i18n';
import { isOfficeDialog, messageParent } from '../common/office';

/**
 * /addin/auth.html, the add-in's one helper page:
 *  - MSAL's redirect URI: hands popup and hidden-iframe answers back to the pane (redirect bridge);
 *  - `?signin=1`: the Office-dialog sign-in fallback, for hosts where a popup cannot open; it
 *    signs in by redirect and sends the API token back with messageParent.
 */

const status = document.getElementById('status')!;
const t = createTranslator(navigator.language).t;

function hasAuthResponse(): boolean {
  const payload = `${window.location.hash.slice(1)}&${window.location.search.slice(1)}`;
  const params = new URLSearchParams(payload);
  return params.has('state') && (params.has('code') || params.has('error'));
}

async function dialogSignIn(params: URLSearchParams): Promise<void> {
  const inOffice = await isOfficeDialog();
  const settings = await loadSignInSettings(window.location.origin);
  const pca = await createStandardPublicClientApplication(
    msalConfiguration(settings, window.location.origin),
  );
  try {
    const result = await pca.handleRedirectPromise();
    if (result) {
      const message: DialogSignInMessage = {
        type: 'token',
        accessToken: result.accessToken,
        expiresOn: (result.expiresOn ?? new Date(Date.now() + 30 * 60_000)).toISOString(),
        username: result.account?.username ?? '',
      };
      messageParent(JSON.stringify(message), inOffice);
      return;
    }
    await pca.acquireTokenRedirect({
      scopes: [settings.apiScope],
      loginHint: params.get('loginHint') ?? undefined,
      redirectStartPage: window.location.href,
    });
  } catch (err) {
    const message: DialogSignInMessage = { type: 'error', message: (err as Error).message };
    messageParent(JSON.stringify(message), inOffice);
    throw err;
  }
}

async function main(): Promise<void> {
  status.textContent = t('auth.signingIn');
  if (hasAuthResponse()) return broadcastResponseToMainFrame();
  const params = new URLSearchParams(window.location.search);
  if (params.has('signin')) return dialogSignIn(params);
}

main().catch((err: unknown) => {
  status.textContent = t('auth.failed', { message: (err as Error).message });
  console.error(err);
});
