/**
 * The small page an admin lands on after Entra's consent screen. It says what happened in plain
 * words and hands the result to the admin pane: through Office's dialog API when it was opened by
 * `displayDialogAsync`, or by postMessage to the window that opened it.
 */
import type { ConsentResult } from '../../shared/api';

export type { ConsentResult };

const titles: Record<ConsentResult['status'], string> = {
  granted: 'Consent granted',
  denied: 'Consent not granted',
  unconfirmed: 'Consent could not be confirmed',
  invalid: 'Consent response not accepted',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderConsentResultPage(result: ConsentResult): string {
  const domains = result.verifiedDomains?.length
    ? `<p>Verified domains: ${result.verifiedDomains.map(escapeHtml).join(', ')}</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(titles[result.status])} · Smart Activity Management</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;max-width:40rem;line-height:1.5;color:#242424}
h1{font-size:1.4rem}.granted h1{color:#0e700e}.denied h1,.invalid h1,.unconfirmed h1{color:#b10e1c}</style>
<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js" async></script>
<script src="/auth/consent-result.js" defer></script>
</head>
<body class="${result.status}">
<main id="consent-result" data-result="${escapeHtml(JSON.stringify(result))}">
<h1>${escapeHtml(titles[result.status])}</h1>
<p>${escapeHtml(result.message)}</p>
${domains}
<p>You can close this window and return to the admin pane.</p>
</main>
</body>
</html>`;
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

/** The consent page loads Office.js from Microsoft's CDN; everything else is our own origin. */
export const consentPageCsp =
  "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'; frame-ancestors 'self' https://*.office.com https://*.office365.com https://*.outlook.com https://outlook.cloud.microsoft; base-uri 'none'; form-action 'none'";
