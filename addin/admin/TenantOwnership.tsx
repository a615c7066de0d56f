import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DetachTenantResponse, TenantOwnership as Ownership } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
});

/**
 * The signed-in administrator's own directory: which organisation holds it, who else asked for it,
 * and a way to take it back (detach), which stops its mailboxes there and removes what was
 * extracted from them.
 */
export function TenantOwnership({ api, onChanged }: { api: ApiClient; onChanged: () => void }) {
  const { t, plural } = useI18n();
  const styles = useStyles();
  const [ownership, setOwnership] = useState<Ownership | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DetachTenantResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.ownership(controller.signal).then(setOwnership, (err: unknown) => !isAbort(err) && setError(err));
    return () => controller.abort();
  }, [api, version]);

  if (!ownership) return error !== null ? <ProblemMessage error={error} /> : <Spinner size="tiny" />;
  const org = ownership.organization;

  const detach = async () => {
    if (!org) return;
    setBusy(true);
    setError(null);
    try {
      setDone(await api.detachTenant(org.id));
      setConfirming(false);
      setVersion((v) => v + 1);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="ownership-heading" className={styles.root} data-testid="tenant-ownership">
      <h2 id="ownership-heading" className={styles.heading}>
        {t('ownership.heading')}
      </h2>
      <p data-testid="ownership-holder">
        {org
          ? t('ownership.heldBy', {
              org: org.name,
              requestedBy: org.requestedBy,
              confirmedBy: org.confirmedBy ?? t('ownership.unconfirmed'),
            })
          : t('ownership.none')}
      </p>
      {ownership.pendingRequests.length > 0 && (
        <p>
          {t('ownership.requests', {
            list: ownership.pendingRequests
              .map((r) => `${r.organization ?? '?'} (${r.requestedBy})`)
              .join(', '),
          })}
        </p>
      )}
      {org && !confirming && (
        <div>
          <Button onClick={() => setConfirming(true)} data-testid="detach-tenant">
            {t('ownership.detach', { org: org.name })}
          </Button>
        </div>
      )}
      {org && confirming && (
        <MessageBar intent="warning" layout="multiline" data-testid="detach-warning">
          <MessageBarBody>{t('ownership.detachWarning', { org: org.name })}</MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => void detach()}
              data-testid="confirm-detach"
            >
              {t('ownership.detachConfirm')}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t('ownership.cancel')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <div aria-live="polite">
        {done && (
          <MessageBar intent="success" layout="multiline" data-testid="detach-outcome">
            <MessageBarBody>
              {t('ownership.detached', {
                org: done.organization.name,
                mailboxes: plural('ownership.mailboxesStopped', done.integrationsStopped),
                points: plural('ownership.pointsRemoved', done.contactPointsRemoved),
              })}
            </MessageBarBody>
          </MessageBar>
        )}
        {error !== null && <ProblemMessage error={error} />}
      </div>
    </section>
  );
}
