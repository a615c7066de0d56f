import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { useI18n } from '../common/i18n';

const useStyles = makeStyles({
  body: { display: 'grid', gap: tokens.spacingVerticalS, width: '100%' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  input: { flexGrow: 1, minWidth: '16em' },
});

export interface LinkToSend {
  tenantId: string;
  tenantName: string;
  url: string;
  expiresAt: string;
}

/**
 * The link an organisation admin sends to an administrator of another directory. It is not opened
 * here: the first browser that opens it is the one bound to the flow, and it must be that
 * administrator's, who grants consent, signs in and confirms.
 */
export function ConsentLink({ link, onDismiss }: { link: LinkToSend; onDismiss: () => void }) {
  const { t, dateTime } = useI18n();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('yes');
    } catch {
      // Some Office hosts deny the clipboard to add-ins: leave the link selected for the admin.
      input.current?.select();
      setCopied('no');
    }
  };

  return (
    <MessageBar intent="info" layout="multiline" data-testid="consent-link-card">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{t('tenants.link.heading', { tenant: link.tenantName })}</MessageBarTitle>
        <span>{t('tenants.link.explain', { tenant: link.tenantName, time: dateTime(link.expiresAt) })}</span>
        <div className={styles.row}>
          <Field label={t('tenants.link.label')} className={styles.input}>
            <Input
              readOnly
              value={link.url}
              input={{ ref: input }}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="consent-link"
            />
          </Field>
          <Button onClick={() => void copy()} data-testid="copy-consent-link">
            {t('tenants.link.copy')}
          </Button>
        </div>
        {copied && (
          <span role="status">{t(copied === 'yes' ? 'tenants.link.copied' : 'tenants.link.copyFailed')}</span>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onDismiss}>{t('common.close')}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
