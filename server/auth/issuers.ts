/**
 * The issuers Entra puts in tokens, per token version, as the configured cloud publishes them.
 * v1.0 tokens come from `https://sts.windows.net/{tid}/` in the public cloud and from other hosts
 * in national clouds; v2.0 tokens from `{authority}/{tid}/v2.0`. Rather than keep a table of
 * clouds, the issuers are read once from the authority's own multi-tenant discovery documents,
 * whose `issuer` carries a `{tenantid}` placeholder (access-tokens.md, "Validate the issuer").
 */

export type TokenVersion = '1.0' | '2.0';

interface Templates {
  '1.0': string;
  '2.0': string;
}

const placeholder = '{tenantid}';

export class IssuerTemplates {
  private templates: Promise<Templates> | null = null;

  constructor(private readonly authorityHost: string) {}

  /** The issuer a token of this version and tenant must carry. */
  async issuerFor(version: TokenVersion, tenantId: string): Promise<string> {
    const templates = await this.load();
    return templates[version].replace(placeholder, tenantId);
  }

  private load(): Promise<Templates> {
    this.templates ??= Promise.all([
      this.fetchIssuer(`${this.authorityHost}/common/.well-known/openid-configuration`),
      this.fetchIssuer(`${this.authorityHost}/common/v2.0/.well-known/openid-configuration`),
    ]).then(([v1, v2]) => ({ '1.0': v1, '2.0': v2 }));
    // A failed fetch is not remembered: the next token tries again.
    this.templates.catch(() => (this.templates = null));
    return this.templates;
  }

  private async fetchIssuer(url: string): Promise<string> {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const issuer = ((await response.json()) as { issuer?: unknown }).issuer;
    if (typeof issuer !== 'string' || !issuer.includes(placeholder))
      throw new Error(`${url} names no multi-tenant issuer`);
    return issuer;
  }
}
