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

/**
 * Looks up the people on the current message. A newer message (ItemChanged in a pinned pane)
 * aborts the older request, and an answer that still arrives for an older message is dropped:
 * each lookup carries a sequence number and only the newest may set the state.
 */
export function useContactLookup(api: ApiClient, item: MailItem | null, ownEmail: string | null) {
  const [state, setState] = useState<LookupState>(item ? { kind: 'loading', item } : { kind: 'no-item' });
  const [attempt, setAttempt] = useState(0);
  const sequence = useRef(0);
  const me = useRef<MeResponse | null>(null);

  useEffect(() => {
    const mine = ++sequence.current;
    const controller = new AbortController();
    const current = () => mine === sequence.current && !controller.signal.aborted;
    if (!item) {
      setState({ kind: 'no-item' });
      return () => controller.abort();
    }
    setState({ kind: 'loading', item });
    void (async () => {
      try {
        me.current ??= await api.me(controller.signal);
        const profile = me.current;
        const own = ownEmail ?? profile.user.userPrincipalName.toLowerCase();
        const participants = lookupCandidates(item, own);
        if (!current()) return;
        if (participants.length === 0 || !profile.organization) {
          setState(
            profile.organization
              ? { kind: 'no-external', item, me: profile }
              : { kind: 'ready', item, me: profile, participants, result: emptyResult },
          );
          return;
        }
        const result = await api.contacts(
          participants.map((p) => p.email),
          controller.signal,
        );
        if (!current()) return;
        const external = result.contacts.some((c) => !c.internal);
        setState(
          external || result.hiddenByDisplaySetting
            ? { kind: 'ready', item, me: profile, participants, result }
            : { kind: 'no-external', item, me: profile },
        );
      } catch (error) {
        if (isAbort(error) || !current()) return;
        me.current = null;
        setState({ kind: 'failed', item, error });
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
  return { state, retry };
}

const emptyResult: ContactsResponse = { hiddenByDisplaySetting: false, contacts: [], companies: [] };
