import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n } from '../common/i18n';

/** Names the consequence before anything is extracted: contact points cannot be deleted. */
export function StartConfirmDialog({
  count,
  open,
  onConfirm,
  onCancel,
  notice,
}: {
  count: number;
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** A further warning about these users (e.g. some have no licence), shown above the acknowledgement. */
  notice?: string | null;
}) {
  const { t, plural } = useI18n();
  const [acknowledged, setAcknowledged] = useState(false);
  const close = () => {
    setAcknowledged(false);
    onCancel();
  };
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_e, d) => !d.open && close()}>
      <DialogSurface aria-describedby="start-confirm-body">
        <DialogBody>
          <DialogTitle>{t('confirm.startTitle')}</DialogTitle>
          <DialogContent id="start-confirm-body">
            <p>{plural('confirm.startBody', count)}</p>
            {notice && (
              <MessageBar intent="warning" data-testid="start-notice">
                <MessageBarBody>{notice}</MessageBarBody>
              </MessageBar>
            )}
            <MessageBar intent="warning" data-testid="no-deletion-warning">
              <MessageBarBody>{t('confirm.noDeletion')}</MessageBarBody>
            </MessageBar>
            <Checkbox
              checked={acknowledged}
              onChange={(_e, d) => setAcknowledged(d.checked === true)}
              label={t('confirm.acknowledge')}
              data-testid="acknowledge"
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              appearance="primary"
              disabled={!acknowledged}
              onClick={() => {
                setAcknowledged(false);
                onConfirm();
              }}
              data-testid="confirm-start"
            >
              {t('confirm.start')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

export function UnlinkConfirmDialog({
  name,
  open,
  onConfirm,
  onCancel,
}: {
  name: string;
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_e, d) => !d.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('confirm.unlinkTitle', { name })}</DialogTitle>
          <DialogContent>{t('confirm.unlinkBody')}</DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
            <Button appearance="primary" onClick={onConfirm} data-testid="confirm-unlink">
              {t('confirm.unlink')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
