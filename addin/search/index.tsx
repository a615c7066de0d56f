import { makeStyles, tokens } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import type { ApiClient } from '../common/api';
import { bootPane } from '../common/boot';
import { useI18n } from '../common/i18n';
import { SearchPanel } from './SearchPanel';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: 0, color: tokens.colorNeutralForeground3 },
});

/** Search on its own page, for use outside an email (a browser tab, or a pinned pane). */
function SearchPage({ api, signIn }: { api: ApiClient; signIn: () => Promise<void> }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <h1 className={styles.title}>{t('search.title')}</h1>
      <p className={styles.intro}>{t('search.intro')}</p>
      <SearchPanel api={api} signIn={signIn} />
    </div>
  );
}

void bootPane(createRoot(document.getElementById('root')!), ({ api, auth }) => (
  <SearchPage api={api} signIn={() => auth.signIn()} />
));
