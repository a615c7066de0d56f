import { DEFAULT_REDIRECT_URIS, DEMO_APP_CLIENT_ID, DEMO_APP_NAME } from './scenario/constants';
import type { DirectoryUser, Tenant } from './scenario/directory';
import { buildTeamIndex, Mailbox, type TeamIndex } from './scenario/mailbox';
import { hash32 } from './scenario/prng';
import type { World } from './scenario/world';
import type { SigningKeys } from './entra/keys';

/**
 * Everything the emulator remembers while it runs. The generated world is immutable; this holds
 * what tests and the product change: consent, deleted accounts, mailboxes touched so far, faults,
 * subscriptions, sent mail and traffic statistics. `reset()` returns to the state at start.
 */

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  displayName: string;
  redirectUris: string[];
}

export type ConsentState = 'never' | 'granted' | 'revoked';

export interface Faults {
  rate429?: number;
  rate503?: number;
  rateDrop?: number;
  latencyMs?: number;
  mailboxes?: string[];
}

/** Behaviours Microsoft's documentation leaves open, chosen per emulator (GET|PUT /_emulator/settings). */
export interface GraphSettings {
  /** Whether message delta returns `internetMessageHeaders` when `$select`ed (GET on a message does). */
  deltaInternetMessageHeaders: boolean;
}

/** How an expired delta or skip token is answered (both forms appear in Graph's errors.md). */
export type DeltaExpiry = 'syncStateNotFound' | 'resyncRequired';

export interface Limits {
  concurrentPerMailbox: number;
  requestsPer10Min: number;
}

export interface SentMail {
  at: string;
  tenantId: string;
  appId: string;
  userId: string;
  from: string;
  message: Record<string, unknown>;
  saveToSentItems: boolean;
}

export interface Subscription {
  id: string;
  tenantId: string;
  applicationId: string;
  creatorId: string;
  resource: string;
  userId: string;
  folder: 'inbox' | null;
  changeType: string;
  clientState?: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  expirationDateTime: string;
  latestSupportedTlsVersion: string;
  deliveries: Array<{ at: string; kind: string; url: string; status: number | string }>;
}

export interface Traffic {
  appId: string;
  userId: string;
  requests: number;
  throttled: number;
  inFlight: number;
  maxConcurrent: number;
  /** Initial message delta rounds, by whether they asked for `$orderby=receivedDateTime desc`. */
  deltaRounds: { newestFirst: number; unordered: number };
  /** Requests per minute over the last ten minutes: [minute number, count]. */
  minutes: Array<[number, number]>;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshGrant {
  clientId: string;
  userId: string;
  expiresAt: number;
}

export class EmulatorState {
  baseUrl = '';
  readonly app: AppRegistration;
  consent = new Map<string, ConsentState>();
  deletedUsers = new Set<string>();
  faults: Faults | null = null;
  settings: GraphSettings;
  /** Per mailbox (user id): how tokens made stale by expire-delta are refused. */
  deltaExpiry = new Map<string, DeltaExpiry>();
  sentMail: SentMail[] = [];
  subscriptions = new Map<string, Subscription>();
  /** Entra's short-lived memory: authorization codes, refresh tokens, browser sessions. */
  codes = new Map<string, AuthorizationCode>();
  refreshTokens = new Map<string, RefreshGrant>();
  sessions = new Map<string, string>();
  /** Graph traffic per app × mailbox, for throttling and for /_emulator/stats. */
  traffic = new Map<string, Traffic>();
  private mailboxes = new Map<string, Mailbox>();
  private teamIndexes = new Map<string, TeamIndex>();

  constructor(
    readonly world: World,
    readonly keys: SigningKeys,
    readonly limits: Limits,
    redirectUris: string[] = DEFAULT_REDIRECT_URIS,
    /** Extra CA certificates trusted when calling notification URLs (the local development CA). */
    readonly trustedCa: Array<string | Buffer> = [],
    private readonly initialSettings: GraphSettings = { deltaInternetMessageHeaders: true },
  ) {
    this.settings = { ...initialSettings };
    this.app = {
      clientId: DEMO_APP_CLIENT_ID,
      clientSecret: `emu8Q~${hash32(world.seed, 'secret-a').toString(36)}${hash32(world.seed, 'secret-b').toString(36)}.${hash32(world.seed, 'secret-c').toString(36)}`,
      displayName: DEMO_APP_NAME,
      redirectUris,
    };
  }

  reset(): void {
    this.consent.clear();
    this.deletedUsers.clear();
    this.faults = null;
    this.settings = { ...this.initialSettings };
    this.deltaExpiry.clear();
    this.sentMail = [];
    this.subscriptions.clear();
    this.mailboxes.clear();
    this.traffic.clear();
  }

  consentOf(tenantId: string): ConsentState {
    return this.consent.get(tenantId) ?? 'never';
  }

  /** A user who exists right now (deleted-user disappears once an integration touched it). */
  liveUser(idOrAddress: string): DirectoryUser | undefined {
    const user = this.world.user(idOrAddress);
    return user && !this.deletedUsers.has(user.id) ? user : undefined;
  }

  liveUsers(tenant: Tenant): DirectoryUser[] {
    return tenant.users.filter((u) => !this.deletedUsers.has(u.id));
  }

  mailbox(user: DirectoryUser): Mailbox {
    let mailbox = this.mailboxes.get(user.id);
    if (!mailbox) {
      const team = this.world.teamOf(user.id);
      let teamIndex: TeamIndex | undefined;
      if (team) {
        teamIndex = this.teamIndexes.get(team.key) ?? buildTeamIndex(this.world, team);
        this.teamIndexes.set(team.key, teamIndex);
      }
      mailbox = new Mailbox(this.world, user, team, teamIndex);
      this.mailboxes.set(user.id, mailbox);
    }
    return mailbox;
  }

  /** Entra accepts any port for localhost redirect URIs; others must be registered exactly. */
  redirectUriAllowed(uri: string): boolean {
    if (this.app.redirectUris.includes(uri)) return true;
    try {
      const url = new URL(uri);
      return (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && /^https?:$/.test(url.protocol);
    } catch {
      return false;
    }
  }
}
