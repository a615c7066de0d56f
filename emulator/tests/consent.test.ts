import { CONTOSO_JAPAN_TENANT_ID, FABRIKAM_TENANT_ID } from '../index';
import {
  control,
  startTestEmulator,
  tenant,
  trustDevelopmentCa,
  type TestEmulator,
} from './support/emulator';

trustDevelopmentCa();

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ messagesPerUser: 50 });
});
afterAll(() => emulator.stop());

const redirectUri = 'https://localhost:3000/auth/consent/callback';

/** Walks the consent pages as a browser would: GET the page, then POST its forms. */
async function consentAs(path: string, username: string, decision?: 'accept' | 'cancel') {
  const url = `${emulator.url}${path}?${new URLSearchParams({
    client_id: emulator.scenario.app.clientId,
    redirect_uri: redirectUri,
    state: 'st-123',
    scope: 'https://graph.microsoft.com/.default',
  })}`;
  const page = await (await fetch(url)).text();
  const q = /name="q" value="([^"]*)"/.exec(page)![1]!.replace(/&amp;/g, '&');
  let cookie = '';
  const post = (fields: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    });
  const afterSignIn = await post({ q, step: 'signin', username });
  // Signing in starts the browser's Entra session; the Accept/Cancel answer must come with it.
  cookie = (afterSignIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (!decision) return { status: afterSignIn.status, html: await afterSignIn.text(), location: null };
  const consentPage = await afterSignIn.text();
  expect(consentPage).toContain('Permissions requested');
  const final = await post({ q, step: 'consent', username, decision });
  return { status: final.status, html: '', location: final.headers.get('location') };
}

test('Accept by an admin of the tenant grants consent and redirects with admin_consent=True, tenant, state, scope', async () => {
  const japan = tenant(emulator, 'Contoso Japan');
  const admin = japan.users.find((u) => u.isAdmin)!;
  const result = await consentAs(
    `/${CONTOSO_JAPAN_TENANT_ID}/v2.0/adminconsent`,
    admin.userPrincipalName,
    'accept',
  );
  expect(result.status).toBe(302);
  const location = new URL(result.location!);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(Object.fromEntries(location.searchParams)).toEqual({
    admin_consent: 'True',
    tenant: CONTOSO_JAPAN_TENANT_ID,
    state: 'st-123',
    scope: expect.stringContaining('https://graph.microsoft.com/Mail.Read'),
  });
  expect(tenant(emulator, 'Contoso Japan').consentGranted).toBe(true);
});

test('Cancel redirects with access_denied, AADSTS65004 and still admin_consent=True', async () => {
  const fabrikam = tenant(emulator, 'Fabrikam');
  const admin = fabrikam.users.find((u) => u.isAdmin)!;
  const result = await consentAs(`/${FABRIKAM_TENANT_ID}/adminconsent`, admin.userPrincipalName, 'cancel');
  expect(result.status).toBe(302);
  expect(result.location).toBe(
    `${redirectUri}?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent+to+access+the+app.&admin_consent=True&tenant=${FABRIKAM_TENANT_ID}&state=st-123`,
  );
  expect(tenant(emulator, 'Fabrikam').consentGranted).toBe(false);
});

test('a non-admin gets the "needs admin approval" page and consent is not granted', async () => {
  const fabrikam = tenant(emulator, 'Fabrikam');
  const user = fabrikam.users.find((u) => !u.isAdmin)!;
  const result = await consentAs(`/${FABRIKAM_TENANT_ID}/v2.0/adminconsent`, user.userPrincipalName);
  expect(result.status).toBe(200);
  expect(result.html).toContain('Need admin approval');
  expect(result.html).toContain('AADSTS90094');
  expect(
    (
      await control<{ tenants: Array<{ id: string; consentGranted: boolean }> }>(emulator, 'GET', 'scenario')
    ).tenants.find((t) => t.id === FABRIKAM_TENANT_ID)!.consentGranted,
  ).toBe(false);
});
