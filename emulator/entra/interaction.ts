import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { redirectHtmlFormPost, signInPage } from './pages';
import type { TenantPath } from './tenants';

/** What the sign-in and admin-consent pages share: accounts, credentials, sessions, redirects. */

export const SESSION_COOKIE = 'EMU_ESTSAUTH';

export function candidates(state: EmulatorState, path: TenantPath): DirectoryUser[] {
  const tenants = path.kind === 'tenant' ? [path.tenant] : state.world.tenants;
  return tenants.flatMap((t) => state.liveUsers(t));
}

export function tenantNames(state: EmulatorState): Map<string, string> {
  return new Map(state.world.tenants.map((t) => [t.id, t.displayName]));
}

export function sessionUser(state: EmulatorState, req: Request): DirectoryUser | undefined {
  const cookie = (req.get('cookie') ?? '').split(/;\s*/).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const userId = cookie ? state.sessions.get(cookie.slice(SESSION_COOKIE.length + 1)) : undefined;
  return userId ? state.liveUser(userId) : undefined;
}

export function startSession(state: EmulatorState, res: Response, user: DirectoryUser): void {
  const id = randomBytes(24).toString('base64url');
  state.sessions.set(id, user.id);
  // SameSite=None so silent requests from an iframe of the app still carry the session.
  res.append('Set-Cookie', `${SESSION_COOKIE}=${id}; Path=/; Secure; HttpOnly; SameSite=None`);
}

export function endSession(res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0`);
}

/**
 * Checks the account typed or picked on a sign-in page. Returns the user, or the page to show
 * again with Entra's message.
 */
export function checkCredentials(
  state: EmulatorState,
  path: TenantPath,
  body: Record<string, string | undefined>,
): { user: DirectoryUser } | { error: string } {
  const username = (body.username ?? '').trim();
  const user = candidates(state, path).find(
    (u) => u.userPrincipalName.toLowerCase() === username.toLowerCase(),
  );
  if (!user) {
    return {
      error:
        'AADSTS50034: This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
    };
  }
  if (body.password !== undefined && body.password !== user.password) {
    return {
      error:
        'AADSTS50126: Your account or password is incorrect. If you don’t remember your password, reset it now.',
    };
  }
  return { user };
}

export function renderSignIn(
  state: EmulatorState,
  res: Response,
  p: {
    path: TenantPath;
    heading: string;
    explanation: string;
    hidden: Record<string, string>;
    error?: string;
    loginHint?: string;
  },
): void {
  res
    .status(200)
    .type('html')
    .send(
      signInPage({
        heading: p.heading,
        explanation: p.explanation,
        users: candidates(state, p.path),
        tenantNames: tenantNames(state),
        hidden: p.hidden,
        error: p.error,
        loginHint: p.loginHint,
      }),
    );
}

/** Sends OAuth response parameters to the redirect URI the way `response_mode` asks. */
export function respondToClient(
  res: Response,
  redirectUri: string,
  mode: string,
  params: Record<string, string | undefined>,
): void {
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const encoded = new URLSearchParams(clean).toString();
  if (mode === 'form_post') {
    res.type('html').send(redirectHtmlFormPost(redirectUri, clean));
  } else if (mode === 'fragment') {
    res.redirect(302, `${redirectUri}#${encoded}`);
  } else {
    res.redirect(302, `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${encoded}`);
  }
}
