import type { Db } from 'mongodb';
import type { TokenValidator } from './auth/token-validator';
import type { Config } from './config';
import type { Logger } from './log';
import type { MailTransport } from './mail/transport';
import type { GraphClients } from './microsoft/graph';

/** What the API's components are built from; app.ts assembles it once. */
export interface ServerDeps {
  config: Config;
  db: Db;
  log: Logger;
  graph: GraphClients;
  tokens: TokenValidator;
  mail: MailTransport;
}
