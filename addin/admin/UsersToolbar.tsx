import { Button, Field, makeStyles, SearchBox, Select, tokens } from '@fluentui/react-components';
import type { TenantView } from '../../shared/api';
import { useI18n } from '../common/i18n';

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  // Each field takes a line of its own in a narrow pane, and shares one in a wide pane.
  field: { flex: '1 1 14em', minWidth: 0 },
});

/** Which directory, the search, and what applies to the whole selection: start the selected users. */
export function UsersToolbar({
  tenants,
  tenantId,
  onTenant,
  search,
  onSearch,
  selectedCount,
  enabled,
  onStartSelected,
}: {
  /** The consented directories the admin can pick from. */
  tenants: TenantView[];
  tenantId: string;
  onTenant: (tenantId: string) => void;
  search: string;
  onSearch: (search: string) => void;
  selectedCount: number;
  enabled: boolean;
  onStartSelected: () => void;
}) {
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  return (
    <div className={styles.toolbar}>
      <Field label={t('users.tenant')} className={styles.field}>
        <Select value={tenantId} onChange={(_e, d) => onTenant(d.value)} data-testid="users-tenant">
          {tenants.map((x) => (
            <option key={x.id} value={x.id}>
              {x.displayName ?? x.id}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('users.search')} className={styles.field}>
        <SearchBox value={search} onChange={(_e, d) => onSearch(d.value)} data-testid="users-search" />
      </Field>
      <Button
        appearance="primary"
        disabled={!enabled || selectedCount === 0}
        onClick={onStartSelected}
        data-testid="start-selected"
      >
        {t('users.startSelected', { count: tr.number(selectedCount) })}
      </Button>
    </div>
  );
}
