import type { Db } from 'mongodb';
import type { DirectoryFacts } from './auth/directory-facts';
import type { TokenValidator } from './auth/token-validator';
import type { Config } from './config';
import type { Logger } from './log';
import type { AppTokenProvider } from './providers/microsoft/app-tokens';
import type { MailTransport } from './mail/transport';
import type { GraphClients } from './providers/microsoft/graph';

/** What the API's components are built from; app.ts assembles it once. */
export interface ServerDeps {
  config: Config;
  db: Db;
  log: Logger;
  graph: GraphClients;
  /** App-only tokens (and the sign-in code exchange of the tenant confirmation). */
  appTokens: AppTokenProvider;
  tokens: TokenValidator;
  directory: DirectoryFacts;
  mail: MailTransport;
}
