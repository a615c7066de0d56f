import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchKind, SearchResponse } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';

/** Everything the box finds (a few of each kind), or every match of one kind, page by page. */
export type SearchMode = 'all' | SearchKind;

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'loading'; q: string }
  | { kind: 'ready'; q: string; mode: SearchMode; result: SearchResponse; loadingMore: boolean }
  | { kind: 'failed'; q: string; error: unknown };

/** How long typing must pause before the box asks: one request per pause, not per key. */
export const searchDebounceMs = 250;

/**
 * Searches as the person types. Each change waits for a pause, then asks; a newer query aborts
 * the older request, and an answer that still arrives for an older query is dropped (each
 * request carries a sequence number and only the newest may set the state).
 */
export function useSearch(api: ApiClient, text: string, mode: SearchMode, debounceMs = searchDebounceMs) {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const sequence = useRef(0);

  useEffect(() => {
    const q = text.trim();
    const mine = ++sequence.current;
    const controller = new AbortController();
    // An empty box shows nothing: that is derived below, not set here.
    if (!q) return () => controller.abort();
    const timer = setTimeout(() => {
      setState({ kind: 'loading', q });
      api
        .search({ q, kind: mode === 'all' ? undefined : mode }, controller.signal)
        .then((result) => {
          if (mine === sequence.current) setState({ kind: 'ready', q, mode, result, loadingMore: false });
        })
        .catch((error: unknown) => {
          if (!isAbort(error) && mine === sequence.current) setState({ kind: 'failed', q, error });
        });
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, text, mode, attempt, debounceMs]);

  /** The next page of a one-kind search, appended. */
  const loadMore = useCallback(async () => {
    if (state.kind !== 'ready' || state.mode === 'all' || !state.result.nextCursor || state.loadingMore)
      return;
    const mine = sequence.current;
    const { q, mode: kind, result } = state;
    setState({ ...state, loadingMore: true });
    try {
      const next = await api.search({ q, kind, cursor: result.nextCursor });
      if (mine !== sequence.current) return;
      setState({
        kind: 'ready',
        q,
        mode: kind,
        loadingMore: false,
        result: {
          ...next,
          people: [...result.people, ...next.people],
          companies: [...result.companies, ...next.companies],
          colleagues: [...result.colleagues, ...next.colleagues],
        },
      });
    } catch (error) {
      if (mine === sequence.current) setState({ kind: 'failed', q, error });
    }
  }, [api, state]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const idle: SearchState = { kind: 'idle' };
  return { state: text.trim() ? state : idle, loadMore, retry };
}
