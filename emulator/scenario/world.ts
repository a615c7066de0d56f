import {
  buildTenants,
  buildWorkspaces,
  type DirectoryUser,
  type ExtraTenants,
  type Tenant,
} from './directory';
import { buildExternalPeople, type Person } from './people';
import { Rng } from './prng';

/**
 * Everything about the scenario that is cheap and shared: tenants, users, the external people
 * pool, teams of colleagues and each user's circle of contacts. Mailbox content is not here; it is
 * generated per mailbox on first use (see mailbox.ts).
 */

export interface Team {
  key: string;
  members: DirectoryUser[];
  /** How many shared messages the team stream holds. */
  length: number;
}

export interface WorldOptions {
  seed: number;
  now: number;
  messagesPerUser: number;
  extraUsers: number;
  extraTenants?: ExtraTenants;
}

/** Share of a mailbox that comes from threads shared with teammates (rest: own external mail). */
const TEAM_STREAM_FACTOR = 0.06;
const TEAM_SIZE = 5;

export class World {
  readonly seed: number;
  readonly now: number;
  readonly messagesPerUser: number;
  /** Entra tenants (Microsoft 365). */
  readonly tenants: Tenant[];
  /** Google Workspace customers (Gmail). */
  readonly workspaces: Tenant[];
  readonly users: DirectoryUser[];
  readonly external: Person[];
  private readonly byId = new Map<string, DirectoryUser>();
  private readonly byAddress = new Map<string, DirectoryUser>();
  private readonly teams = new Map<string, Team>();
  private readonly networks = new Map<string, { people: Person[]; weights: number[] }>();

  constructor(options: WorldOptions) {
    this.seed = options.seed;
    this.now = options.now;
    this.messagesPerUser = options.messagesPerUser;
    this.tenants = buildTenants(options.seed, options.now, options.extraUsers, options.extraTenants);
    this.workspaces = buildWorkspaces(options.seed, options.now);
    this.users = [...this.tenants, ...this.workspaces].flatMap((t) => t.users);
    this.external = buildExternalPeople(options.seed, options.now);
    for (const user of this.users) {
      this.byId.set(user.id, user);
      this.byAddress.set(user.userPrincipalName.toLowerCase(), user);
    }
    this.buildTeams();
  }

  user(idOrAddress: string): DirectoryUser | undefined {
    return this.byId.get(idOrAddress) ?? this.byAddress.get(idOrAddress.toLowerCase());
  }

  tenant(id: string): Tenant | undefined {
    return this.tenants.find((t) => t.id === id);
  }

  /** A Workspace by customer ID or by any of its domains. */
  workspace(idOrDomain: string): Tenant | undefined {
    const key = idOrDomain.toLowerCase();
    return this.workspaces.find((w) => w.id.toLowerCase() === key || w.verifiedDomains.includes(key));
  }

  /** Tenant by GUID or by any of its verified domains. */
  resolveTenant(idOrDomain: string): Tenant | undefined {
    const key = idOrDomain.toLowerCase();
    return this.tenants.find((t) => t.id === key || t.verifiedDomains.includes(key));
  }

  /** Domains that count as internal for a user: all verified domains of the tenants of their group. */
  internalDomains(tenantId: string): Set<string> {
    const all = [...this.tenants, ...this.workspaces];
    const group = all.find((t) => t.id === tenantId)?.group;
    return new Set(all.filter((t) => t.group === group).flatMap((t) => t.verifiedDomains));
  }

  teamOf(userId: string): Team | undefined {
    return this.teams.get(userId);
  }

  /** The external people a user writes with, most of the traffic going to a few of them. */
  network(user: DirectoryUser): { people: Person[]; weights: number[] } {
    let network = this.networks.get(user.id);
    if (network) return network;
    const rng = Rng.of(this.seed, 'network', user.id);
    const japanese = this.external.filter((p) => p.lang === 'ja');
    const others = this.external.filter((p) => p.lang !== 'ja');
    const japaneseShare = user.preferredLanguage === 'ja-JP' ? 0.7 : 0.15;
    const size = rng.range(25, 45);
    const nJa = Math.round(size * japaneseShare);
    const people = rng.sample(rng.sample(japanese, nJa).concat(rng.sample(others, size - nJa)), size);
    network = { people, weights: people.map((_, i) => 1 / (i + 1.5)) };
    this.networks.set(user.id, network);
    return network;
  }

  /**
   * Colleagues of one company group are split into teams of about five (Contoso and Contoso
   * Japan mixed), so internal threads and shared external threads cross the two tenants' domains.
   */
  private buildTeams(): void {
    const all = [...this.tenants, ...this.workspaces];
    const groups = new Set(all.map((t) => t.group));
    for (const group of groups) {
      const members = all
        .filter((t) => t.group === group)
        .flatMap((t) => t.users)
        .filter((u) => u.plantedError === null && u.userType === 'Member');
      const shuffled = Rng.of(this.seed, 'teams', group).sample(members, members.length);
      const count = Math.max(1, Math.round(shuffled.length / TEAM_SIZE));
      for (let i = 0; i < count; i++) {
        const teamMembers = shuffled.filter((_, j) => j % count === i);
        const team: Team = {
          key: `${group}-${i}`,
          members: teamMembers,
          length: Math.round(this.messagesPerUser * teamMembers.length * TEAM_STREAM_FACTOR),
        };
        for (const member of teamMembers) this.teams.set(member.id, team);
      }
    }
  }
}
