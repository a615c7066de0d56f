import { Table, TableBody, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { TenantView } from '../../shared/api';
import { useI18n } from '../common/i18n';
import { useStackedTableStyles } from '../common/stacked-table';
import { TenantRow } from './TenantRow';

/**
 * The organisation's directories, each with where it stands: awaiting its own administrator's
 * confirmation (until its link expires), confirmed by them, or detached again by them — and what
 * the admin can do next: open the consent in the dialog (when they can sign in as that directory's
 * administrator) or get a link to send to that administrator. In a narrow pane each directory is a
 * card (common/stacked-table.ts).
 */
export function TenantsTable({
  tenants,
  busy,
  onConsent,
  onLink,
}: {
  tenants: TenantView[];
  busy: boolean;
  onConsent: (tenantId: string) => void;
  onLink: (tenantId: string) => void;
}) {
  const { t } = useI18n();
  const cards = useStackedTableStyles();
  return (
    <Table
      noNativeElements
      className={cards.table}
      aria-label={t('tenants.listLabel')}
      size="small"
      data-testid="tenants-table"
    >
      <TableHeader className={cards.header}>
        <TableRow>
          <TableHeaderCell className={cards.wide3}>{t('tenants.colName')}</TableHeaderCell>
          <TableHeaderCell className={cards.wide3}>{t('tenants.colState')}</TableHeaderCell>
          <TableHeaderCell className={cards.wide2}>{t('tenants.colDomains')}</TableHeaderCell>
          <TableHeaderCell>{t('tenants.colUsers')}</TableHeaderCell>
          <TableHeaderCell className={cards.wide2}>{t('tenants.colActions')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tenants.map((tenant) => (
          <TenantRow key={tenant.id} tenant={tenant} busy={busy} onConsent={onConsent} onLink={onLink} />
        ))}
      </TableBody>
    </Table>
  );
}
