import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactsResponse, MeResponse } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';
import type { MailItem, Participant } from '../common/office';
import { lookupCandidates } from './participants';

export type LookupState =
  | { kind: 'no-item' }
  | { kind: 'loading'; item: MailItem }
  | { kind: 'no-external'; item: MailItem; me: MeResponse }
  | {
      kind: 'ready';
      item: MailItem;
      me: MeResponse;
      participants: Participant[];
      result: ContactsResponse;
    }
  | { kind: 'failed'; item: MailItem | null; error: unknown };

/** An answer, and the message and attempt it answers (anything else is still loading). */
interface Answer {
  item: MailItem;
  attempt: number;
  state: LookupState;
}

/**
 * Looks up the people on the current message. A newer message (ItemChanged in a pinned pane)
 * aborts the older request, and an answer that still arrives for an older message is dropped:
 * each lookup carries a sequence number and only the newest may set the state.
 *
 * The signed-in user's profile and the contacts are asked for together when Office names the
 * user (the only thing the lookup needs from the profile is whom to leave out), so the first card
 * waits for one round trip, not two.
 */
export function useContactLookup(api: ApiClient, item: MailItem | null, ownEmail: string | null) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [attempt, setAttempt] = useState(0);
  const sequence = useRef(0);
  const me = useRef<MeResponse | null>(null);

  useEffect(() => {
    if (!item) return;
    const mine = ++sequence.current;
    const controller = new AbortController();
    const { signal } = controller;
    const current = () => mine === sequence.current && !signal.aborted;
    const settle = (state: LookupState) => current() && setAnswer({ item, attempt, state });
    const lookUp = (participants: Participant[]) => {
      if (participants.length === 0) return null;
      const request = api.contacts(
        participants.map((p) => p.email),
        signal,
      );
      request.catch(() => undefined); // awaited below, or not needed (no organisation)
      return request;
    };
    void (async () => {
      try {
        const profileRequest = me.current ? Promise.resolve(me.current) : api.me(signal);
        let participants = ownEmail ? lookupCandidates(item, ownEmail) : null;
        let contacts = participants ? lookUp(participants) : null;
        const profile = await profileRequest;
        me.current = profile;
        if (!participants) {
          participants = lookupCandidates(item, profile.user.userPrincipalName.toLowerCase());
          contacts = lookUp(participants);
        }
        if (!profile.organization) {
          settle({ kind: 'ready', item, me: profile, participants, result: emptyResult });
          return;
        }
        if (!contacts) {
          settle({ kind: 'no-external', item, me: profile });
          return;
        }
        const result = await contacts;
        const external = result.contacts.some((c) => !c.internal);
        settle(
          external || result.hiddenByDisplaySetting
            ? { kind: 'ready', item, me: profile, participants, result }
            : { kind: 'no-external', item, me: profile },
        );
      } catch (error) {
        if (isAbort(error) || !current()) return;
        me.current = null;
        settle({ kind: 'failed', item, error });
      }
    })();
    return () => controller.abort();
  }, [api, item, ownEmail, attempt]);

  // Back online: try again by itself.
  useEffect(() => {
    const again = () => setAttempt((n) => n + 1);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, []);

  const retry = useCallback(() => {
    me.current = null;
    setAttempt((n) => n + 1);
  }, []);
  const state: LookupState = !item
    ? { kind: 'no-item' }
    : answer && answer.item === item && answer.attempt === attempt
      ? answer.state
      : { kind: 'loading', item };
  return { state, retry };
}

const emptyResult: ContactsResponse = { hiddenByDisplaySetting: false, contacts: [], companies: [] };
