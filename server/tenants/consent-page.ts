/**
 * The small pages of the consent flow, in the admin's language: the confirmation an administrator
 * of the tenant answers ("Add … to organisation …?"), and the result, which also hands the outcome
 * to the admin pane — through Office's dialog API when it was opened by `displayDialogAsync`, or
 * by postMessage to the window that opened it (the dev host's popup).
 */
import type { ConsentResult } from '../../shared/api';
import { consentText, type Locale } from './consent-text';

export type { ConsentResult };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(locale: Locale, title: string, bodyClass: string, main: string, script: boolean): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Smart Activity Management</title>
<style>body{font-family:"Segoe UI","Yu Gothic UI",Meiryo,system-ui,sans-serif;margin:2rem;max-width:40rem;line-height:1.5;color:#242424}
h1{font-size:1.4rem}.granted h1{color:#0e700e}.denied h1,.invalid h1,.unconfirmed h1{color:#b10e1c}
.muted{color:#616161;font-size:.9rem}button{font:inherit;padding:.45rem 1.2rem;margin:.25rem .5rem .25rem 0;border-radius:4px;border:1px solid #8a8886;background:#fff;cursor:pointer}
button.primary{background:#0f6cbd;border-color:#0f6cbd;color:#fff}</style>
${script ? '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js" async></script>\n<script src="/auth/consent-result.js" defer></script>' : ''}
</head>
<body class="${bodyClass}">
${main}
</body>
</html>`;
}

export function renderConsentResultPage(result: ConsentResult, locale: Locale): string {
  const t = consentText(locale);
  const title = t(`title.${result.status}`);
  const domains = result.verifiedDomains?.length
    ? `<p>${escapeHtml(t('domains', { domains: result.verifiedDomains.join(', ') }))}</p>`
    : '';
  return page(
    locale,
    title,
    result.status,
    `<main id="consent-result" data-result="${escapeHtml(JSON.stringify(result))}">
<h1>${escapeHtml(title)}</h1>
<p data-testid="consent-message">${escapeHtml(result.message)}</p>
${domains}
<p>${escapeHtml(t('close'))}</p>
</main>`,
    true,
  );
}

/** The question only the tenant's own administrator, signed in, answers; nothing changes before. */
export function renderConfirmPage(p: {
  locale: Locale;
  state: string;
  tenant: { id: string; name: string };
  org: { name: string; isNew: boolean };
  requester: string;
  confirmer: string;
}): string {
  const t = consentText(p.locale);
  const values = { tenant: p.tenant.name, org: p.org.name, requester: p.requester, user: p.confirmer };
  const title = t('title.confirm', values);
  return page(
    p.locale,
    title,
    'confirm',
    `<main id="consent-confirm">
<h1 data-testid="confirm-heading">${escapeHtml(title)}</h1>
<p data-testid="confirm-requested">${escapeHtml(t('confirm.requested', values))}</p>
${p.org.isNew ? `<p>${escapeHtml(t('confirm.new_org', values))}</p>` : ''}
<p>${escapeHtml(t('confirm.effect', values))}</p>
<p class="muted">${escapeHtml(p.tenant.id)}</p>
<p class="muted" data-testid="confirm-signed-in">${escapeHtml(t('confirm.signed_in', values))}</p>
<form method="post" action="/auth/consent/confirm">
<input type="hidden" name="state" value="${escapeHtml(p.state)}">
<button type="submit" class="primary" id="confirm-join" name="decision" value="confirm">${escapeHtml(t('confirm.accept', values))}</button>
<button type="submit" id="decline-join" name="decision" value="decline">${escapeHtml(t('confirm.cancel'))}</button>
</form>
</main>`,
    false,
  );
}

/** Served as /auth/consent-result.js (a file, so the page needs no inline script under our CSP). */
export const consentResultScript = `(function () {
  var el = document.getElementById('consent-result');
  if (!el) return;
  var message = el.getAttribute('data-result');
  var sent = false;
  function viaOffice() {
    if (sent || !window.Office || !Office.onReady) return;
    Office.onReady(function () {
      if (!sent && Office.context && Office.context.ui && Office.context.ui.messageParent) {
        sent = true;
        Office.context.ui.messageParent(message);
      }
    });
  }
  if (window.opener && window.opener !== window) {
    window.opener.postMessage({ type: 'smart-activity-consent', result: JSON.parse(message) }, window.location.origin);
  }
  viaOffice();
  window.addEventListener('load', viaOffice);
})();
`;

/** The pages load Office.js from Microsoft's CDN; everything else is our own origin, forms post only to it. */
export const consentPageCsp =
  "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'; frame-ancestors 'self' https://*.office.com https://*.office365.com https://*.outlook.com https://outlook.cloud.microsoft; base-uri 'none'; form-action 'self'";
