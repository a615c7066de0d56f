import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchKind } from '../../shared/api';
import { ApiError, type ApiClient } from '../common/api';
import { SignInRequiredError } from '../common/auth';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';
import { SignInPrompt } from '../common/SignInPrompt';
import { PickedResult } from './PickedResult';
import { SearchResults, type SearchPick } from './SearchResults';
import { useSearch, type SearchMode, type SearchState } from './useSearch';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS, minWidth: 0 },
  box: { width: '100%', maxWidth: 'none' },
  status: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * One box that finds people by name or address, companies by name or domain, and colleagues, as
 * the person types. Down arrow moves from the box into the results, arrows move between them,
 * Escape goes back to the box; picking one shows its card, Back returns to the results.
 */
export function SearchPanel({
  api,
  signIn,
  onActiveChange,
}: {
  api: ApiClient;
  signIn: () => Promise<void>;
  /** told whether the box holds a query, so a pane can make room for the results */
  onActiveChange?: (active: boolean) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<SearchMode>('all');
  const [picked, setPicked] = useState<SearchPick | null>(null);
  const { state, loadMore, retry } = useSearch(api, text, mode);
  const root = useRef<HTMLElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const active = text.trim() !== '';
  useEffect(() => onActiveChange?.(active), [active, onActiveChange]);

  const hits = () => [
    ...(root.current?.querySelectorAll<HTMLButtonElement>('[data-testid^="search-hit-"]') ?? []),
  ];
  const onBoxKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && hits().length > 0) {
      e.preventDefault();
      hits()[0]!.focus();
    }
  };
  const onPanelKey = (e: KeyboardEvent) => {
    if (e.target === input.current) return;
    const all = hits();
    const at = all.indexOf(e.target as HTMLButtonElement);
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (e.key === 'Escape' || (at === 0 && move === -1)) {
      e.preventDefault();
      input.current?.focus();
    } else if (at >= 0 && move !== 0) {
      e.preventDefault();
      all[Math.min(all.length - 1, at + move)]?.focus();
    }
  };
  const showAll = (kind: SearchKind) => setMode(kind);
  return (
    <section
      role="search"
      aria-label={t('search.label')}
      className={styles.root}
      ref={root}
      onKeyDown={onPanelKey}
    >
      <SearchBox
        className={styles.box}
        ref={input}
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(_e, data) => {
          setText(data.value);
          setMode('all');
          setPicked(null);
        }}
        onKeyDown={onBoxKey}
        data-testid="search-box"
      />
      <p className={styles.status} role="status" aria-live="polite">
        {statusText(state, t)}
      </p>
      {picked ? (
        <PickedResult pick={picked} api={api} onBack={() => setPicked(null)} />
      ) : (
        <Answer
          state={state}
          mode={mode}
          signIn={signIn}
          retry={retry}
          onPick={setPicked}
          onShowAll={showAll}
          onMore={loadMore}
        />
      )}
    </section>
  );
}

function statusText(state: SearchState, t: ReturnType<typeof useI18n>['t']): string {
  if (state.kind === 'loading') return t('search.searching');
  if (state.kind !== 'ready' || state.result.hiddenByDisplaySetting) return '';
  const { people, companies, colleagues } = state.result;
  const count = people.length + companies.length + colleagues.length;
  return count === 0 ? t('search.none', { q: state.q }) : t('search.results', { q: state.q, count });
}

function Answer({
  state,
  mode,
  signIn,
  retry,
  onPick,
  onShowAll,
  onMore,
}: {
  state: SearchState;
  mode: SearchMode;
  signIn: () => Promise<void>;
  retry: () => void;
  onPick: (pick: SearchPick) => void;
  onShowAll: (kind: SearchKind) => void;
  onMore: () => void;
}) {
  const { t } = useI18n();
  switch (state.kind) {
    case 'idle':
      return null;
    case 'loading':
      return <Spinner size="tiny" />;
    case 'failed':
      if (state.error instanceof SignInRequiredError)
        return <SignInPrompt signIn={signIn} onSignedIn={retry} />;
      if (state.error instanceof ApiError && state.error.code === 'tenant_not_registered')
        return <Info text={t('pane.notRegistered')} />;
      return <ProblemMessage error={state.error} onRetry={retry} />;
    case 'ready':
      if (state.result.hiddenByDisplaySetting) return <Info text={t('pane.hidden')} />;
      return (
        <>
          <SearchResults
            result={state.result}
            mode={mode}
            onPick={onPick}
            onShowAll={onShowAll}
            onMore={onMore}
            loadingMore={state.loadingMore}
          />
          {!state.result.complete && <Info text={t('search.incomplete')} />}
        </>
      );
  }
}

function Info({ text }: { text: string }) {
  return (
    <MessageBar intent="info">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
