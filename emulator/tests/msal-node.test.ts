import { ConfidentialClientApplication } from '@azure/msal-node';
import { keyCredentialOf, selfSignedCertificate } from '../../tests/support/certificate';
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
afterEach(() => control(emulator, 'POST', 'reset'));

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
    // Graph's tokens are v1.0 (access-tokens.md): issuer sts.windows.net, appid/appidacr.
    const claims = claimsOf(result!.accessToken);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${CONTOSO_TENANT_ID}/`,
      tid: CONTOSO_TENANT_ID,
      appid: emulator.scenario.app.clientId,
      appidacr: '1',
      idtyp: 'app',
      ver: '1.0',
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

  test('a certificate credential (client_assertion) works where a secret does, and an unknown one is refused', async () => {
    await control(emulator, 'PUT', `tenants/${CONTOSO_TENANT_ID}/consent`, { granted: true });
    const cert = selfSignedCertificate();
    const withCertificate = (c = cert) =>
      new ConfidentialClientApplication({
        auth: {
          clientId: emulator.scenario.app.clientId,
          clientCertificate: { thumbprintSha256: c.thumbprintSha256, privateKey: c.privateKeyPem },
          authority: `${emulator.url}/${CONTOSO_TENANT_ID}`,
          knownAuthorities: [new URL(emulator.url).host],
        },
      });
    // Not registered yet: AADSTS700027.
    await expect(
      withCertificate().acquireTokenByClientCredential({ scopes: graphScope }),
    ).rejects.toMatchObject({
      errorCode: 'invalid_client',
      errorMessage: expect.stringContaining('AADSTS700027'),
    });
    await control(emulator, 'PATCH', 'application', { keyCredentials: [keyCredentialOf(cert)] });
    const result = await withCertificate().acquireTokenByClientCredential({ scopes: graphScope });
    // appidacr 2: the client proved itself with a certificate (access-token-claims-reference.md).
    expect(claimsOf(result!.accessToken)).toMatchObject({
      appidacr: '2',
      roles: expect.arrayContaining(['Mail.Read']),
    });
    await expect(
      withCertificate(selfSignedCertificate('someone else')).acquireTokenByClientCredential({
        scopes: graphScope,
      }),
    ).rejects.toMatchObject({ errorMessage: expect.stringContaining('AADSTS700027') });
  });

  test('password and on-behalf-of grants: AADSTS65001 until consent, then v1.0 tokens, v2.0 with wids/acct once configured', async () => {
    const contoso = tenant(emulator, 'Contoso');
    const admin = contoso.users.find((u) => u.isAdmin)!;
    const client = confidentialClient(CONTOSO_TENANT_ID);
    const passwordToken = () =>
      client.acquireTokenByUsernamePassword({
        scopes: [emulator.scenario.app.apiScope],
        username: admin.userPrincipalName,
        password: admin.password,
      });
    // A fresh tenant: nobody consented to the app's API yet, and a script cannot ask.
    await expect(passwordToken()).rejects.toMatchObject({
      errorCode: 'invalid_grant',
      errorMessage: expect.stringContaining('AADSTS65001'),
    });
    await control(emulator, 'PUT', `tenants/${CONTOSO_TENANT_ID}/consent`, { granted: true });
    const v1 = await passwordToken();
    expect(v1!.account?.homeAccountId).toBe(`${admin.id}.${CONTOSO_TENANT_ID}`);
    const v1Claims = claimsOf(v1!.accessToken);
    expect(v1Claims).toMatchObject({
      aud: `api://${emulator.scenario.app.clientId}`,
      iss: `https://sts.windows.net/${CONTOSO_TENANT_ID}/`,
      ver: '1.0',
      scp: 'access_as_user',
      oid: admin.id,
      upn: admin.userPrincipalName,
      unique_name: admin.userPrincipalName,
      appid: emulator.scenario.app.clientId,
    });
    for (const absent of ['preferred_username', 'wids', 'roles', 'acct', 'azp'])
      expect(v1Claims).not.toHaveProperty(absent);

    await control(emulator, 'PATCH', 'application', {
      api: { requestedAccessTokenVersion: 2 },
      groupMembershipClaims: 'DirectoryRole',
      optionalClaims: { accessToken: [{ name: 'acct' }], idToken: [{ name: 'acct' }] },
    });
    await control(emulator, 'PUT', `users/${admin.id}/app-roles`, { roles: ['SmartActivity.Admin'] });
    const apiToken = await passwordToken();
    const claims = claimsOf(apiToken!.accessToken);
    expect(claims).toMatchObject({
      aud: emulator.scenario.app.clientId,
      iss: `${emulator.url}/${CONTOSO_TENANT_ID}/v2.0`,
      ver: '2.0',
      scp: 'access_as_user',
      oid: admin.id,
      preferred_username: admin.userPrincipalName,
      roles: ['SmartActivity.Admin'],
      wids: ['62e90394-69f5-4237-9190-012177145e10'],
      acct: 0,
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
