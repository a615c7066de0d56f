import {
  CONTOSO_TENANT_ID,
  DEFAULT_REDIRECT_URIS,
  DEMO_APP_CLIENT_ID,
  DEMO_APP_NAME,
} from './scenario/constants';
import type { DirectoryUser, Tenant } from './scenario/directory';
import { buildTeamIndex, Mailbox, type TeamIndex } from './scenario/mailbox';
import { hash32 } from './scenario/prng';
import type { World } from './scenario/world';
import { freshRegistration, redirectUriPlatform, type EntraApplication } from './entra/application';
import { emptyGrants, type DelegatedGrants } from './entra/grants';
import type { SigningKeys } from './entra/keys';
import { GoogleState, type GmailLimits } from './google/state';
import type { DeviceCode } from './entra/device-code';

/**
 * Everything the emulator remembers while it runs. The generated world is immutable; this holds
 * what tests and the product change: consent, deleted accounts, mailboxes touched so far, faults,
 * subscriptions, sent mail and traffic statistics. `reset()` returns to the state at start.
 */

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
  /** The platform the redirect URI is registered under: SPA codes are redeemed cross-origin only. */
  platform: 'spa' | 'web';
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
  /** The app registration (one Entra application object); see entra/application.ts. */
  application: EntraApplication;
  /** Tenant-wide admin consent to the app's application permissions. */
  consent = new Map<string, ConsentState>();
  /** Delegated permission grants and each tenant's user-consent policy. */
  grants: DelegatedGrants = emptyGrants();
  /** App roles of our API assigned to users (Enterprise applications → Users and groups). */
  appRoleAssignments = new Map<string, Set<string>>();
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
  /** Device authorization grants in progress (entra/device-code.ts). */
  deviceCodes = new Map<string, DeviceCode>();
  /** The tenant that owns the app registration (where Graph's /applications lists it). */
  applicationTenantId = CONTOSO_TENANT_ID;
  /** Tenants where the app's service principal was created through Graph (POST /servicePrincipals). */
  servicePrincipals = new Set<string>();
  /** Graph traffic per app × mailbox, for throttling and for /_emulator/stats. */
  traffic = new Map<string, Traffic>();
  /** The Google Workspace side: service account, delegations, tokens, Gmail quota use. */
  readonly google: GoogleState;
  private mailboxes = new Map<string, Mailbox>();
  private teamIndexes = new Map<string, TeamIndex>();

  constructor(
    readonly world: World,
    readonly keys: SigningKeys,
    readonly limits: Limits,
    private readonly redirectUris: { spa: string[]; web: string[] } = DEFAULT_REDIRECT_URIS,
    /** Extra CA certificates trusted when calling notification URLs (the local development CA). */
    readonly trustedCa: Array<string | Buffer> = [],
    private readonly initialSettings: GraphSettings = { deltaInternetMessageHeaders: true },
    gmailLimits: GmailLimits = { unitsPerUserMinute: 15_000 },
  ) {
    this.settings = { ...initialSettings };
    this.google = new GoogleState(world.seed, gmailLimits);
    this.application = this.freshApplication();
  }

  private freshApplication(): EntraApplication {
    const seed = this.world.seed;
    return freshRegistration({
      appId: DEMO_APP_CLIENT_ID,
      displayName: DEMO_APP_NAME,
      secret: `emu8Q~${hash32(seed, 'secret-a').toString(36)}${hash32(seed, 'secret-b').toString(36)}.${hash32(seed, 'secret-c').toString(36)}`,
      redirectUris: this.redirectUris,
    });
  }

  /** The app's client secret (its first password credential). */
  get clientSecret(): string {
    return this.application.passwordCredentials[0]?.secretText ?? '';
  }

  reset(): void {
    this.application = this.freshApplication();
    this.applicationTenantId = CONTOSO_TENANT_ID;
    this.servicePrincipals.clear();
    this.deviceCodes.clear();
    this.grants = emptyGrants();
    this.appRoleAssignments.clear();
    this.consent.clear();
    this.deletedUsers.clear();
    this.faults = null;
    this.settings = { ...this.initialSettings };
    this.deltaExpiry.clear();
    this.sentMail = [];
    this.subscriptions.clear();
    this.mailboxes.clear();
    this.traffic.clear();
    this.google.reset();
  }

  /**
   * A registration created through Graph takes the place of the earlier one (the emulator's Entra
   * serves one multi-tenant app): consent, grants and role assignments belonged to that one.
   */
  replaceApplication(app: EntraApplication, ownerTenantId: string): void {
    this.application = app;
    this.applicationTenantId = ownerTenantId;
    this.forgetApplicationGrants();
  }

  private forgetApplicationGrants(): void {
    this.grants = emptyGrants();
    this.appRoleAssignments.clear();
    this.consent.clear();
    this.servicePrincipals.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.sessions.clear();
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

  /** The platform a redirect URI is registered under, or null when the registration lacks it. */
  redirectPlatform(uri: string): 'spa' | 'web' | null {
    return redirectUriPlatform(this.application, uri);
  }
}
