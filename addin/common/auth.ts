import {
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { UnreachableError, type TokenSource } from './api';
import type { OfficeHost } from './office';

/**
 * Sign-in for the panes: Nested App Authentication where Outlook supports it (the host signs in
 * for us), otherwise a standard MSAL client: silent first, then a popup, then the Office dialog
 * (`auth.html?signin`), which works where Outlook blocks popups. No Exchange identity tokens.
 */

/** What `/addin/config.json` returns (server/http/addin-host.ts). */
export interface SignInSettings {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  apiScope: string;
  /** Microsoft Graph (or the emulator); the dev host reads the signed-in user's mail there. */
  graphBaseUrl?: string;
}

/** No token without the person taking part: show a Sign in button and call `signIn` on click. */
export class SignInRequiredError extends Error {
  override name = 'SignInRequiredError';
}

/** What the sign-in dialog page sends back through messageParent. */
export type DialogSignInMessage =
  | { type: 'token'; accessToken: string; expiresOn: string; username: string }
  | { type: 'error'; message: string };

export interface PaneAuth extends TokenSource {
  /** Interactive sign-in; call from a click handler (popups need a user gesture). */
  signIn(): Promise<void>;
  readonly mode: 'nested' | 'standard';
}

export const authPagePath = '/addin/auth.html';

export async function loadSignInSettings(baseUrl: string, signal?: AbortSignal): Promise<SignInSettings> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/addin/config.json`, { signal });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new UnreachableError(!navigator.onLine);
  }
  if (!response.ok) throw new Error(`Sign-in settings unavailable (HTTP ${response.status})`);
  return (await response.json()) as SignInSettings;
}

export function msalConfiguration(settings: SignInSettings, origin: string) {
  return {
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      knownAuthorities: settings.knownAuthorities,
      // The redirect bridge page: popups and hidden iframes hand their answer back through it.
      redirectUri: `${origin}${authPagePath}`,
    },
    // Shared by the panes and the dev host (same origin), so one sign-in serves them all.
    cache: { cacheLocation: 'localStorage' },
  };
}

function isInteractionRequired(err: unknown): boolean {
  if (err instanceof InteractionRequiredAuthError) return true;
  const code = (err as { errorCode?: string })?.errorCode ?? '';
  return ['no_account_error', 'login_required', 'interaction_required', 'consent_required'].includes(code);
}

function popupUnavailable(err: unknown): boolean {
  const code = (err as { errorCode?: string })?.errorCode ?? '';
  return [
    'popup_window_error',
    'empty_window_error',
    'block_nested_popups',
    'monitor_window_timeout',
    'timed_out',
  ].includes(code);
}

export async function createPaneAuth(
  settings: SignInSettings,
  office: OfficeHost,
  origin = window.location.origin,
): Promise<PaneAuth> {
  const pca: IPublicClientApplication = await createNestablePublicClientApplication(
    msalConfiguration(settings, origin),
  );
  const mode: PaneAuth['mode'] = office.supportsNestedAppAuth ? 'nested' : 'standard';
  const scopes = [settings.apiScope];
  const loginHint = office.userEmail ?? undefined;
  /**
   * The token in use: from MSAL (kept, so each request does not search and decrypt MSAL's cache
   * again) or handed over by the dialog fallback (which lives in the dialog's MSAL cache, not ours).
   */
  let current: { token: string; expiresAt: number } | null = null;

  function account(): AccountInfo | undefined {
    const active = pca.getActiveAccount();
    if (active) return active;
    const all = pca.getAllAccounts();
    const match = loginHint ? all.find((a) => a.username.toLowerCase() === loginHint) : undefined;
    return match ?? all[0];
  }

  async function silent(fresh: boolean): Promise<AuthenticationResult> {
    const current = account();
    if (current || mode === 'nested') {
      return pca.acquireTokenSilent({ scopes, account: current, forceRefresh: fresh });
    }
    // No cached account yet: try the authority's session (hidden iframe, prompt=none).
    return pca.ssoSilent({ scopes, loginHint });
  }

  async function viaDialog(): Promise<void> {
    const url = `${origin}${authPagePath}?signin=1${loginHint ? `&loginHint=${encodeURIComponent(loginHint)}` : ''}`;
    const message = await new Promise<DialogSignInMessage>((resolve, reject) => {
      let handle: { close(): void } | null = null;
      office
        .openDialog(url, {
          onMessage(raw) {
            handle?.close();
            try {
              resolve(JSON.parse(raw) as DialogSignInMessage);
            } catch {
              reject(new Error('The sign-in dialog sent an unreadable answer.'));
            }
          },
          onClosed: () => reject(new SignInRequiredError('The sign-in dialog was closed.')),
        })
        .then((h) => (handle = h), reject);
    });
    if (message.type === 'error') throw new Error(message.message);
    current = { token: message.accessToken, expiresAt: Date.parse(message.expiresOn) };
  }

  async function tokenFromMsal(fresh: boolean): Promise<string> {
    try {
      const result = await silent(fresh);
      if (result.account) pca.setActiveAccount(result.account);
      if (performance.getEntriesByName('sam:token').length === 0) performance.mark('sam:token');
      current = { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? 0 };
      return result.accessToken;
    } catch (err) {
      if (isInteractionRequired(err) || (err as { errorCode?: string })?.errorCode) {
        throw new SignInRequiredError((err as Error).message);
      }
      throw err;
    }
  }
  /** The pane's first requests go out together: they share one silent acquisition. */
  let pending: Promise<string> | null = null;

  return {
    mode,
    getToken(options) {
      const fresh = options?.fresh === true;
      if (!fresh && current && current.expiresAt - Date.now() > 60_000) return Promise.resolve(current.token);
      if (fresh) return tokenFromMsal(true);
      pending ??= tokenFromMsal(false).finally(() => (pending = null));
      return pending;
    },
    async signIn() {
      current = null;
      try {
        const result = await pca.acquireTokenPopup({ scopes, loginHint });
        if (result.account) pca.setActiveAccount(result.account);
      } catch (err) {
        if (mode === 'nested' || !popupUnavailable(err) || office.kind === 'none') throw err;
        await viaDialog();
      }
    },
  };
}
