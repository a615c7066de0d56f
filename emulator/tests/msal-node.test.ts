import { ConfidentialClientApplication } from '@azure/msal-node';
import { CONTOSO_TENANT_ID, FABRIKAM_TENANT_ID } from '../index';
import {
  claimsOf,
  control,
  graph,
  startTestEmulator,
  tenant,
  tokenRequest,
  trustDevelopmentCa,
  type TestEmulator,
} from './support/emulator';

trustDevelopmentCa();

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ messagesPerUser: 200 });
});
afterAll(() => emulator.stop());

/** The product's own configuration against the emulator: authority host + knownAuthorities. */
function confidentialClient(tenantId: string, secret = emulator.scenario.app.clientSecret) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: emulator.scenario.app.clientId,
      clientSecret: secret,
      authority: `${emulator.url}/${tenantId}`,
      knownAuthorities: [new URL(emulator.url).host],
    },
  });
}

const graphScope = ['https://graph.microsoft.com/.default'];

describe('msal-node client credentials against the emulator', () => {
  test('a consented tenant yields an app-only Graph token with the granted roles', async () => {
    await control(emulator, 'PUT', `tenants/${CONTOSO_TENANT_ID}/consent`, { granted: true });
    const result = await confidentialClient(CONTOSO_TENANT_ID).acquireTokenByClientCredential({
      scopes: graphScope,
    });
    const claims = claimsOf(result!.accessToken);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `${emulator.url}/${CONTOSO_TENANT_ID}/v2.0`,
      tid: CONTOSO_TENANT_ID,
      azp: emulator.scenario.app.clientId,
      idtyp: 'app',
      ver: '2.0',
    });
    expect(claims.roles).toEqual(expect.arrayContaining(['User.Read.All', 'Mail.Read']));
    expect(claims.roles).not.toContain('Mail.Send');
    const users = await graph(emulator, result!.accessToken, '/users?$select=id,displayName');
    expect(users.status).toBe(200);
    expect(users.body.value.length).toBeGreaterThan(10);
  });

  test('a tenant that never consented answers AADSTS700016 unauthorized_client', async () => {
    await expect(
      confidentialClient(FABRIKAM_TENANT_ID).acquireTokenByClientCredential({ scopes: graphScope }),
    ).rejects.toMatchObject({
      errorCode: 'unauthorized_client',
      errorMessage: expect.stringContaining('AADSTS700016'),
    });
    const raw = await tokenRequest(emulator, FABRIKAM_TENANT_ID, {
      grant_type: 'client_credentials',
      client_id: emulator.scenario.app.clientId,
      client_secret: emulator.scenario.app.clientSecret,
      scope: graphScope[0]!,
    });
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    expect(raw.body.error_description).toMatch(
      /^AADSTS700016: Application with identifier '.+' was not found in the directory 'Fabrikam'/,
    );
    expect(raw.body).toHaveProperty('trace_id');
    expect(raw.body).toHaveProperty('correlation_id');
  });

  test('revoked consent yields a token without roles: the directory answers 403 Authorization_RequestDenied, Exchange 403 ErrorAccessDenied', async () => {
    const japan = tenant(emulator, 'Contoso Japan');
    await control(emulator, 'PUT', `tenants/${japan.id}/consent`, { granted: true });
    await control(emulator, 'PUT', `tenants/${japan.id}/consent`, { granted: false });
    const result = await confidentialClient(japan.id).acquireTokenByClientCredential({ scopes: graphScope });
    expect(claimsOf(result!.accessToken).roles).toBeUndefined();
    const user = japan.users[0]!;
    for (const [path, code] of [
      ['/users', 'Authorization_RequestDenied'],
      [`/users/${user.id}/mailFolders/inbox/messages/delta`, 'ErrorAccessDenied'],
    ] as const) {
      const res = await graph(emulator, result!.accessToken, path);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
    }
  });

  test('a wrong client secret is 401 invalid_client (AADSTS7000215)', async () => {
    await expect(
      confidentialClient(CONTOSO_TENANT_ID, 'not-the-secret').acquireTokenByClientCredential({
        scopes: graphScope,
      }),
    ).rejects.toMatchObject({ errorCode: 'invalid_client' });
    const raw = await tokenRequest(emulator, CONTOSO_TENANT_ID, {
      grant_type: 'client_credentials',
      client_id: emulator.scenario.app.clientId,
      client_secret: 'not-the-secret',
      scope: graphScope[0]!,
    });
    expect(raw.status).toBe(401);
    expect(raw.body.error_codes).toEqual([7000215]);
  });

  test('password and on-behalf-of grants give user tokens with the right claims', async () => {
    const contoso = tenant(emulator, 'Contoso');
    const admin = contoso.users.find((u) => u.isAdmin)!;
    const client = confidentialClient(CONTOSO_TENANT_ID);
    const apiToken = await client.acquireTokenByUsernamePassword({
      scopes: [emulator.scenario.app.apiScope],
      username: admin.userPrincipalName,
      password: admin.password,
    });
    expect(apiToken!.account?.homeAccountId).toBe(`${admin.id}.${CONTOSO_TENANT_ID}`);
    const claims = claimsOf(apiToken!.accessToken);
    expect(claims).toMatchObject({
      aud: emulator.scenario.app.clientId,
      scp: 'access_as_user',
      oid: admin.id,
      preferred_username: admin.userPrincipalName,
      roles: ['SmartActivity.Admin'],
      wids: ['62e90394-69f5-4237-9190-012177145e10'],
    });
    const obo = await client.acquireTokenOnBehalfOf({
      oboAssertion: apiToken!.accessToken,
      scopes: ['https://graph.microsoft.com/User.Read'],
    });
    expect(claimsOf(obo!.accessToken)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      scp: 'User.Read',
      oid: admin.id,
    });
    const me = await graph(emulator, obo!.accessToken, '/me');
    expect(me.body.userPrincipalName).toBe(admin.userPrincipalName);

    const wrong = await tokenRequest(emulator, CONTOSO_TENANT_ID, {
      grant_type: 'password',
      client_id: emulator.scenario.app.clientId,
      scope: 'openid',
      username: admin.userPrincipalName,
      password: 'wrong',
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50126] } });
  });
});
