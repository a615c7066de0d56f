import type { Browser } from 'playwright-core';
import { apiClient } from './api';
import type { TestApp } from './app';
import { launchChromium } from './browser';
import { runAdminConsent } from './consent';
import { adminOf, tenantNamed, userToken, type TestEmulator } from './emulator';

/**
 * Sets an organisation up the way its admin does: registers the tenants, consents to each in a
 * real browser as that tenant's admin, enables Smart Activity Management. Returns the first
 * tenant admin's API client.
 */
export async function connectOrganization(
  app: TestApp,
  emulator: TestEmulator,
  tenantNames: string[],
  options: { browser?: Browser; settings?: Record<string, unknown> } = {},
) {
  const browser = options.browser ?? (await launchChromium());
  try {
    const admin = apiClient(app.url, await userToken(emulator, adminOf(emulator, tenantNames[0]!)));
    for (const name of tenantNames) {
      const tenant = tenantNamed(emulator, name);
      const registered = await admin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
        tenantId: tenant.id,
      });
      if (registered.status >= 300) throw new Error(`register ${name}: ${JSON.stringify(registered.body)}`);
      const landing = await runAdminConsent(
        browser,
        registered.body.consentUrl,
        adminOf(emulator, name),
        'accept',
      );
      if (landing.heading !== 'Consent granted') throw new Error(`consent ${name}: ${landing.text}`);
    }
    if (options.settings) await admin('PUT', '/api/admin/settings', options.settings);
    const enabled = await admin('PUT', '/api/admin/activity-management', { enabled: true });
    if (enabled.status !== 200) throw new Error(`enable: ${JSON.stringify(enabled.body)}`);
    return admin;
  } finally {
    if (!options.browser) await browser.close();
  }
}
