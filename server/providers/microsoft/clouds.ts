/**
 * Microsoft's clouds: the Entra ID authority host and the Microsoft Graph hosts of each.
 *
 * Sources: "Microsoft Graph national cloud deployments" (microsoft-graph-docs-contrib,
 * concepts/deployments.md: token service and Graph service root endpoints) and "National clouds"
 * (entra-docs, docs/identity-platform/authentication-national-cloud.md: Entra authentication
 * endpoints, which name login.partner.microsoftonline.cn for 21Vianet besides login.chinacloudapi.cn).
 */
export interface MicrosoftCloud {
  name: string;
  authorityHosts: readonly string[];
  graphHosts: readonly string[];
}

export const microsoftClouds: readonly MicrosoftCloud[] = [
  {
    name: 'Global',
    authorityHosts: ['login.microsoftonline.com'],
    graphHosts: ['graph.microsoft.com'],
  },
  {
    name: 'US Government (L4 GCC High, L5 DoD)',
    authorityHosts: ['login.microsoftonline.us'],
    graphHosts: ['graph.microsoft.us', 'dod-graph.microsoft.us'],
  },
  {
    name: 'China (operated by 21Vianet)',
    authorityHosts: ['login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'],
    graphHosts: ['microsoftgraph.chinacloudapi.cn'],
  },
];

/** Why an authority/Graph pair is not one of Microsoft's clouds, or null when it is. */
export function notAMicrosoftCloud(authorityHost: string, graphBaseUrl: string): string | null {
  const authority = new URL(authorityHost);
  const graph = new URL(graphBaseUrl);
  const cloud = microsoftClouds.find((c) => c.authorityHosts.includes(authority.host));
  if (!cloud || authority.pathname !== '/')
    return `ENTRA_AUTHORITY_HOST must be a Microsoft Entra ID authority (${microsoftClouds
      .flatMap((c) => c.authorityHosts)
      .map((h) => `https://${h}`)
      .join(', ')})`;
  if (!cloud.graphHosts.includes(graph.host) || graph.pathname !== '/')
    return `GRAPH_BASE_URL must be Microsoft Graph of the same cloud as ENTRA_AUTHORITY_HOST (${cloud.name}: ${cloud.graphHosts
      .map((h) => `https://${h}`)
      .join(', ')})`;
  return null;
}
