import type { DirectoryUser } from './directory';
import {
  generateOwnMessage,
  generateTeamMessage,
  ownEnvelope,
  streamTime,
  teamEnvelope,
  type GeneratedMessage,
} from './messages';
import { hash32, Rng } from './prng';
import type { Team, World } from './world';

/**
 * A user's mailbox: the generated history (materialised on first use as compact typed arrays of
 * references, never as message objects) plus what happened since start: delivered mail,
 * updates, deletions, each stamped with a change sequence number that delta tokens refer to.
 */

export type FolderName = 'inbox' | 'sentitems';
export const FOLDERS: FolderName[] = ['inbox', 'sentitems'];

/** Where a message comes from: 0 = the user's own stream, 1 = the team stream, 2 = delivered. */
export interface MessageRef {
  stream: 0 | 1 | 2;
  index: number;
}

interface FolderIndex {
  stream: Uint8Array;
  index: Uint32Array;
  time: Float64Array;
}

export interface DeliveredMessage {
  message: GeneratedMessage;
  folder: FolderName;
  seq: number;
}

export interface Change {
  seq: number;
  id: string;
  folder: FolderName;
  type: 'created' | 'updated' | 'deleted';
}

export interface MessageState {
  isRead?: boolean;
  subject?: string;
  lastModifiedAt: number;
}

/** Envelopes of a team stream, computed once and shared by every teammate's mailbox. */
export interface TeamIndex {
  time: Float64Array;
  sender: Uint8Array;
  mask: Uint32Array;
}

export function buildTeamIndex(world: World, team: Team): TeamIndex {
  const n = team.members.length < 2 ? 0 : team.length;
  const index: TeamIndex = { time: new Float64Array(n), sender: new Uint8Array(n), mask: new Uint32Array(n) };
  for (let j = 0; j < n; j++) {
    const env = teamEnvelope(Rng.of(world.seed, 'team', team.key, j), team.members.length);
    index.time[j] = streamTime(world.now, j, n, env.u);
    index.sender[j] = env.sender;
    index.mask[j] = [env.sender, ...env.others].reduce((m, i) => m | (1 << i), 0);
  }
  return index;
}

export class Mailbox {
  readonly key: number;
  readonly folders: Record<FolderName, FolderIndex>;
  ownTotal = 0;
  readonly delivered: DeliveredMessage[] = [];
  readonly changes: Change[] = [];
  readonly deleted = new Set<string>();
  readonly states = new Map<string, MessageState>();
  seq = 0;
  /** Bumped by expire-delta: tokens of an older epoch answer 410 SyncStateNotFound. */
  epoch = 0;
  private memberIndex = -1;

  constructor(
    readonly world: World,
    readonly user: DirectoryUser,
    private readonly team: Team | undefined,
    private readonly teamIndex: TeamIndex | undefined,
  ) {
    this.key = hash32('mailbox', user.id);
    this.folders = this.materialise();
  }

  private materialise(): Record<FolderName, FolderIndex> {
    const refs: Array<[number, number, number, FolderName]> = [];
    if (this.team && this.teamIndex) {
      this.memberIndex = this.team.members.findIndex((m) => m.id === this.user.id);
      const bit = 1 << this.memberIndex;
      const { time, sender, mask } = this.teamIndex;
      for (let j = 0; j < time.length; j++) {
        if (mask[j]! & bit)
          refs.push([1, j, time[j]!, sender[j] === this.memberIndex ? 'sentitems' : 'inbox']);
      }
    }
    this.ownTotal = Math.max(0, this.world.messagesPerUser - refs.length);
    for (let i = 0; i < this.ownTotal; i++) {
      const env = ownEnvelope(Rng.of(this.world.seed, 'own', this.user.id, i));
      const at = streamTime(this.world.now, i, this.ownTotal, env.u);
      refs.push([0, i, at, env.kind === 'ext-out' ? 'sentitems' : 'inbox']);
    }
    refs.sort((a, b) => a[2] - b[2]);
    const build = (folder: FolderName): FolderIndex => {
      const mine = refs.filter((r) => r[3] === folder);
      return {
        stream: Uint8Array.from(mine, (r) => r[0]),
        index: Uint32Array.from(mine, (r) => r[1]),
        time: Float64Array.from(mine, (r) => r[2]),
      };
    };
    return { inbox: build('inbox'), sentitems: build('sentitems') };
  }

  idOf(ref: MessageRef): string {
    const buf = Buffer.alloc(9);
    buf.writeUInt32BE(this.key, 0);
    buf.writeUInt8(ref.stream, 4);
    buf.writeUInt32BE(ref.index, 5);
    return `AAMkAG${buf.toString('base64url')}AAA=`;
  }

  /** The reference behind a Graph id of this mailbox, or undefined when it is not one of ours. */
  refOf(id: string): MessageRef | undefined {
    const m = /^AAMkAG([A-Za-z0-9_-]{12})AAA=$/.exec(id);
    if (!m) return undefined;
    const buf = Buffer.from(m[1]!, 'base64url');
    if (buf.length !== 9 || buf.readUInt32BE(0) !== this.key) return undefined;
    const stream = buf.readUInt8(4);
    const index = buf.readUInt32BE(5);
    if (stream === 0 && index < this.ownTotal) return { stream, index };
    if (stream === 1 && this.teamIndex && index < this.teamIndex.time.length) {
      return this.teamIndex.mask[index]! & (1 << this.memberIndex) ? { stream, index } : undefined;
    }
    if (stream === 2 && index < this.delivered.length) return { stream, index };
    return undefined;
  }

  folderOf(ref: MessageRef): FolderName {
    if (ref.stream === 2) return this.delivered[ref.index]!.folder;
    if (ref.stream === 1)
      return this.teamIndex!.sender[ref.index] === this.memberIndex ? 'sentitems' : 'inbox';
    const env = ownEnvelope(Rng.of(this.world.seed, 'own', this.user.id, ref.index));
    return env.kind === 'ext-out' ? 'sentitems' : 'inbox';
  }

  message(ref: MessageRef): GeneratedMessage {
    if (ref.stream === 2) return this.delivered[ref.index]!.message;
    if (ref.stream === 1) return generateTeamMessage(this.world, this.team!, ref.index);
    return generateOwnMessage(this.world, this.user, ref.index, this.ownTotal);
  }

  /** Every message reference of a folder in a stable order: history by time, then deliveries. */
  *refs(folder: FolderName, from = 0): Generator<[number, MessageRef]> {
    const f = this.folders[folder];
    let position = from;
    for (; position < f.index.length; position++) {
      yield [position, { stream: f.stream[position] as 0 | 1, index: f.index[position]! }];
    }
    for (let i = position - f.index.length; i < this.delivered.length; i++, position++) {
      if (this.delivered[i]!.folder === folder) yield [position, { stream: 2, index: i }];
    }
  }

  receivedAt(ref: MessageRef, folder: FolderName, position: number): number {
    if (ref.stream === 2) return this.delivered[ref.index]!.message.receivedAt;
    return this.folders[folder].time[position]!;
  }

  count(folder: FolderName): number {
    let n = this.folders[folder].index.length;
    for (const d of this.delivered) if (d.folder === folder) n++;
    return n - [...this.deleted].filter((id) => this.folderOf(this.refOf(id)!) === folder).length;
  }

  deliver(message: GeneratedMessage, folder: FolderName): string {
    this.delivered.push({ message, folder, seq: ++this.seq });
    const id = this.idOf({ stream: 2, index: this.delivered.length - 1 });
    this.changes.push({ seq: this.seq, id, folder, type: 'created' });
    return id;
  }

  update(id: string, patch: { isRead?: boolean; subject?: string }): void {
    const ref = this.refOf(id)!;
    const state = { ...this.states.get(id), ...patch, lastModifiedAt: Date.now() };
    this.states.set(id, state);
    this.changes.push({ seq: ++this.seq, id, folder: this.folderOf(ref), type: 'updated' });
  }

  remove(id: string): void {
    const ref = this.refOf(id)!;
    this.deleted.add(id);
    this.changes.push({ seq: ++this.seq, id, folder: this.folderOf(ref), type: 'deleted' });
  }
}
