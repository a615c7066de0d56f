import type { DirectoryUser } from '../scenario/directory';

/**
 * The few HTML pages of the sign-in and consent experience. Plain forms with stable ids and
 * data-testid attributes, so people can click through a demo and Playwright can drive them.
 */

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;display:flex;justify-content:center}
main{background:#fff;margin-top:6vh;padding:32px 40px;width:440px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:8px 0 16px}
.brand{font-size:13px;color:#5e5e5e}.note{font-size:13px;color:#5e5e5e}
.account{display:block;width:100%;text-align:left;border:0;background:none;padding:10px 8px;cursor:pointer;font:inherit}
.account:hover{background:#e6e6e6}.account small{display:block;color:#5e5e5e}
.admin{font-size:11px;background:#0067b8;color:#fff;padding:1px 6px;border-radius:2px;margin-left:6px}
input{width:100%;box-sizing:border-box;padding:6px 0;margin:6px 0 14px;border:0;border-bottom:1px solid #666;font:inherit}
.primary{background:#0067b8;color:#fff;border:0;padding:8px 28px;font:inherit;cursor:pointer}
.secondary{background:#ccc;border:0;padding:8px 28px;font:inherit;cursor:pointer;margin-right:8px}
.error{color:#e81123;font-size:14px}ul.perms li{margin:6px 0}
</style></head>
<body><main><div class="brand">Microsoft 365 emulator</div>${body}</main></body></html>`;
}

export function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('');
}

export function signInPage(p: {
  heading: string;
  explanation: string;
  users: DirectoryUser[];
  tenantNames: Map<string, string>;
  hidden: Record<string, string>;
  loginHint?: string;
  error?: string;
}): string {
  const accounts = p.users
    .map(
      (u) => `<button class="account" type="submit" name="username" value="${esc(u.userPrincipalName)}"
 data-testid="account-${esc(u.userPrincipalName)}">${esc(u.displayName)}${u.isAdmin ? '<span class="admin">Admin</span>' : ''}
 <small>${esc(u.userPrincipalName)} · ${esc(p.tenantNames.get(u.tenantId) ?? '')}</small></button>`,
    )
    .join('\n');
  return page(
    'Sign in to your account',
    `<h1>${esc(p.heading)}</h1><p class="note">${esc(p.explanation)}</p>
${p.error ? `<p class="error" role="alert" data-testid="error">${esc(p.error)}</p>` : ''}
<form method="post" data-testid="accounts">${hiddenFields(p.hidden)}${accounts}</form>
<h2 style="font-size:16px;margin-top:24px">Use another account</h2>
<form method="post" data-testid="credentials">${hiddenFields(p.hidden)}
<label for="username">Email, phone, or Skype</label>
<input id="username" name="username" type="email" autocomplete="username" value="${esc(p.loginHint ?? '')}" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="sign-in" class="primary" type="submit">Sign in</button></form>`,
  );
}

export function errorPage(code: number, message: string): string {
  return page(
    'Sign in error',
    `<h1>Sorry, but we’re having trouble signing you in.</h1>
<p class="error" data-testid="error-code">AADSTS${code}: ${esc(message)}</p>`,
  );
}

export function consentPage(p: {
  appName: string;
  user: DirectoryUser;
  tenantName: string;
  permissions: ReadonlyArray<{ value: string; description: string }>;
  hidden: Record<string, string>;
}): string {
  const perms = p.permissions
    .map(
      (perm) =>
        `<li data-testid="permission">${esc(perm.description)} <small>(${esc(perm.value)})</small></li>`,
    )
    .join('');
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1>
<p><strong>${esc(p.appName)}</strong> (unverified publisher)</p>
<p class="note">Signed in as ${esc(p.user.userPrincipalName)}. Accept for your organization
<strong>${esc(p.tenantName)}</strong>: this app would have these application permissions, without a signed-in user:</p>
<ul class="perms">${perms}</ul>
<p class="note">If you accept, this app gets access to the specified resources for all users in your organization.
No one else will be prompted to review these permissions.</p>
<form method="post">${hiddenFields(p.hidden)}
<button id="cancel" class="secondary" type="submit" name="decision" value="cancel">Cancel</button>
<button id="accept" class="primary" type="submit" name="decision" value="accept">Accept</button></form>`,
  );
}

export function needsAdminPage(p: {
  appName: string;
  tenantName: string;
  user: DirectoryUser;
  /** When set, a form that returns to the app without consent (the sign-in flow's page). */
  hidden?: Record<string, string>;
}): string {
  const back = p.hidden
    ? `<form method="post">${hiddenFields(p.hidden)}<button id="return-to-app" class="secondary" type="submit">Return to the application without granting consent</button></form>`
    : '';
  return page(
    'Need admin approval',
    `<h1 data-testid="needs-admin">Need admin approval</h1>
<p><strong>${esc(p.appName)}</strong> needs permission to access resources in your organization that only an admin
can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<p class="note">Signed in as ${esc(p.user.userPrincipalName)} (${esc(p.tenantName)}).</p>
<p class="error">AADSTS90094: The grant requires admin permission.</p>${back}`,
  );
}

/** The consent prompt of a sign-in: the scopes not yet granted, and for admins "on behalf of your organization". */
export function userConsentPage(p: {
  appName: string;
  user: DirectoryUser;
  tenantName: string;
  scopes: string[];
  canConsentForOrganization: boolean;
  hidden: Record<string, string>;
}): string {
  const scopes = p.scopes.map((s) => `<li data-testid="scope">${esc(s)}</li>`).join('');
  const organization = p.canConsentForOrganization
    ? `<p><label><input type="checkbox" id="consent-organization" name="organization" style="width:auto;margin-right:8px">Consent on behalf of your organization</label></p>`
    : '';
  return page(
    'Permissions requested',
    `<h1 data-testid="user-consent">Permissions requested</h1>
<p><strong>${esc(p.appName)}</strong> (unverified publisher)</p>
<p class="note">Signed in as ${esc(p.user.userPrincipalName)} (${esc(p.tenantName)}). This app would like to:</p>
<ul class="perms">${scopes}</ul>
<form method="post">${hiddenFields(p.hidden)}${organization}
<button id="cancel" class="secondary" type="submit" name="decision" value="cancel">Cancel</button>
<button id="accept" class="primary" type="submit" name="decision" value="accept">Accept</button></form>`,
  );
}

/** Answers an OAuth request at the client's redirect URI in the requested response mode. */
export function redirectHtmlFormPost(redirectUri: string, params: Record<string, string>): string {
  return `<!doctype html><html><body onload="document.forms[0].submit()">
<form method="post" action="${esc(redirectUri)}">${hiddenFields(params)}<noscript><button>Continue</button></noscript></form>
</body></html>`;
}
