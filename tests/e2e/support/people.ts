import type { Page } from 'playwright-core';
import type { ScenarioUser, Stack } from './stack';

/** The people of the e2e scenario as the API sees them. */

/** An access token for our API as this user (the emulator's password grant, as scripts do). */
export async function apiToken(stack: Stack, user: ScenarioUser, tenantId: string): Promise<string> {
  const response = await fetch(`${stack.emulatorUrl}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: stack.scenario.app.clientId,
      username: user.userPrincipalName,
      password: user.password,
      scope: stack.scenario.app.apiScope,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** What the API holds for one address, as this user sees it (its numbers are checked against the emulator's truth by the backend's tests). */
export async function contactAsSeenBy(stack: Stack, token: string, email: string) {
  const r = await fetch(`${stack.url}/api/contacts?emails=${encodeURIComponent(email)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await r.json()) as {
    contacts: Array<{ email: string; known?: boolean; totals?: { sent: number; received: number } }>;
  };
  return body.contacts.find((c) => c.email === email)!;
}

/** Outside senders in the dev host's mailbox list whom the organisation has been in touch with. */
export async function knownSenders(stack: Stack, page: Page, token: string): Promise<string[]> {
  const internal = new Set(
    stack.scenario.tenants
      .filter((t) => t.displayName.startsWith('Contoso'))
      .flatMap((t) => t.verifiedDomains),
  );
  await page.waitForSelector('[data-testid="devhost-message"]', { timeout: 60_000 });
  const senders = await page.$$eval('[data-testid="devhost-message"]', (els) =>
    els.map((e) => e.getAttribute('data-from') ?? ''),
  );
  const external = [...new Set(senders.filter((s) => s && !internal.has(s.split('@')[1]!)))];
  const known: string[] = [];
  for (const email of external) if ((await contactAsSeenBy(stack, token, email)).known) known.push(email);
  return known;
}
