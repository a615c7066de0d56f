import { LogLevel, PublicClientApplication } from '@azure/msal-node';
import { AuthenticationHandler, Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { microsoftClouds } from '../../server/providers/microsoft/clouds';

/**
 * An IT administrator's Microsoft Graph session for managing the app registration: they sign in
 * with the device-code flow (entra-docs docs/identity-platform/v2-oauth2-device-code.md) through
 * msal-node as a public client — by default Microsoft Graph Command Line Tools, Microsoft's own
 * client for such scripts, since the product's app may not exist yet — to the tenant that owns the
 * registration. Works in every cloud of `server/providers/microsoft/clouds.ts`.
 */

export const GRAPH_COMMAND_LINE_TOOLS_APP_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

export interface AdminSignIn {
  authorityHost: string;
  graphBaseUrl: string;
  /** The tenant that owns (or will own) the registration: a GUID or a verified domain. */
  tenant: string;
  clientId?: string;
  /** Delegated Graph permissions, e.g. Application.ReadWrite.All. */
  permissions: string[];
  /** Shows the person where to go and which code to enter. */
  onCode: (message: string) => void;
}

/** National clouds name Graph's permissions with their own resource URI; the global cloud by name. */
function graphScope(graphBaseUrl: string, permission: string): string {
  const host = new URL(graphBaseUrl).host;
  const national = microsoftClouds.some((c) => c.graphHosts.includes(host)) && host !== 'graph.microsoft.com';
  return national ? `https://${host}/${permission}` : permission;
}

export async function adminGraphClient(o: AdminSignIn): Promise<{ client: Client; userName: string }> {
  const msal = new PublicClientApplication({
    auth: {
      clientId: o.clientId ?? GRAPH_COMMAND_LINE_TOOLS_APP_ID,
      authority: `${o.authorityHost.replace(/\/+$/, '')}/${o.tenant}`,
      knownAuthorities: [new URL(o.authorityHost).host],
    },
    system: {
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => {} },
    },
  });
  const result = await msal.acquireTokenByDeviceCode({
    scopes: o.permissions.map((p) => graphScope(o.graphBaseUrl, p)),
    deviceCodeCallback: (r) => o.onCode(r.message),
  });
  if (!result?.accessToken) throw new Error('The sign-in returned no access token');
  const token = result.accessToken;
  const auth = new AuthenticationHandler({ getAccessToken: async () => token });
  auth.setNext(new HTTPMessageHandler());
  const client = Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${o.graphBaseUrl.replace(/\/+$/, '')}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(o.graphBaseUrl).hostname]),
  });
  return { client, userName: result.account?.username ?? '' };
}

/** A Graph error's status (the client throws GraphError with `statusCode`). */
export const statusOf = (err: unknown): number | undefined => (err as { statusCode?: number }).statusCode;
