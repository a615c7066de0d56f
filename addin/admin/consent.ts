import type { ConsentResult } from '../../shared/api';
import type { ApiClient } from '../common/api';
import type { OfficeHost } from '../common/office';

/** What the consent landing page reports, or that the admin closed the dialog first. */
export type ConsentOutcome = ConsentResult | { status: 'closed'; tenantId?: string; message?: string };

/**
 * Runs the admin consent for one tenant in an Office dialog: the consent link is a page of our own
 * server (Office requires the add-in's domain), bound to this dialog's browser, which leads through
 * Entra's admin consent and the tenant admin's confirming sign-in to our confirmation page; the
 * result page sends the outcome back with messageParent. The tenant's state is also polled, so a
 * result is seen even when the message never arrives (a browser window that lost its opener).
 * The pages speak Office's display language (`ui_locales`).
 */
export function runAdminConsent(
  office: OfficeHost,
  api: ApiClient,
  tenantId: string,
  consentUrl: string,
  pollMs = 2_000,
): Promise<ConsentOutcome> {
  const url = new URL(consentUrl, window.location.origin);
  url.searchParams.set('ui_locales', office.displayLanguage);
  const dialogUrl = url.toString();
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    let handle: { close(): void } | null = null;
    let settled = false;
    const settle = (outcome: ConsentOutcome) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      handle?.close();
      resolve(outcome);
    };
    const check = async () => {
      try {
        const tenant = await api.tenant(tenantId);
        const at = tenant.consent.at ? Date.parse(tenant.consent.at) : 0;
        if (tenant.consent.state !== 'pending' && at >= startedAt - 1_000) {
          settle({
            status: tenant.consent.state === 'granted' ? 'granted' : 'denied',
            tenantId,
            message: tenant.consent.error ?? '',
          });
        }
      } catch {
        // keep waiting; the dialog's own message may still come
      }
    };
    const poll = setInterval(() => void check(), pollMs);
    office
      .openDialog(dialogUrl, {
        onMessage(raw) {
          try {
            const result = JSON.parse(raw) as ConsentResult;
            if (typeof result?.status === 'string' && typeof result.message === 'string') settle(result);
            else void check();
          } catch {
            void check();
          }
        },
        onClosed() {
          void check().then(() => settle({ status: 'closed' }));
        },
      })
      .then(
        (h) => {
          handle = h;
          if (settled) h.close();
        },
        (err: unknown) => {
          clearInterval(poll);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
  });
}

/**
 * Registers a Google Workspace in an Office dialog: our page redirects to Google, where its admin
 * signs in; the landing page reports back, or null when the dialog closes first.
 */
export function runWorkspaceSignIn(office: OfficeHost, url: string): Promise<ConsentResult | null> {
  return new Promise((resolve, reject) => {
    let handle: { close(): void } | null = null;
    let done = false;
    const finish = (result: ConsentResult | null) => {
      if (done) return;
      done = true;
      handle?.close();
      resolve(result);
    };
    office
      .openDialog(url, {
        onMessage(raw) {
          try {
            finish(JSON.parse(raw) as ConsentResult);
          } catch {
            finish(null);
          }
        },
        onClosed: () => finish(null),
      })
      .then((h) => {
        handle = h;
        if (done) h.close();
      }, reject);
  });
}
