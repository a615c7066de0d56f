import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useI18n } from '../common/i18n';

/** Names what detaching a Google Workspace does before it happens: nothing of it can be undone but by registering again. */
export function DetachWorkspaceDialog({
  domain,
  onConfirm,
  onCancel,
}: {
  /** the Workspace's primary domain, or null while the dialog is closed */
  domain: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog open={domain !== null} modalType="alert" onOpenChange={(_e, d) => !d.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('workspaces.detachTitle', { domain: domain ?? '' })}</DialogTitle>
          <DialogContent>{t('workspaces.detachBody')}</DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
            <Button appearance="primary" onClick={onConfirm} data-testid="confirm-detach-workspace">
              {t('workspaces.detachConfirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
