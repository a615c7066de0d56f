import {
  Checkbox,
  mergeClasses,
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { DirectoryUser } from '../../shared/api';
import { useI18n } from '../common/i18n';
import { useStackedTableStyles } from '../common/stacked-table';
import { UserRow, type UserActions } from './UserRow';

/**
 * One page of a directory's users with their checkboxes, status and actions; in a narrow pane
 * each user is a card and the select-all checkbox keeps its words (common/stacked-table.ts).
 * It only shows: the selection and every action belong to the caller (useDirectoryUsers).
 */
export function UsersTable({
  users,
  tenantName,
  selected,
  selection,
  onSelect,
  onSelectPage,
  enabled,
  actions,
}: {
  users: DirectoryUser[];
  tenantName: string;
  selected: ReadonlySet<string>;
  /** The select-all checkbox: every startable user of the page, some of them, or none. */
  selection: boolean | 'mixed';
  onSelect: (userId: string, on: boolean) => void;
  onSelectPage: () => void;
  enabled: boolean;
  actions: UserActions;
}) {
  const { t } = useI18n();
  const cards = useStackedTableStyles();
  return (
    <Table
      noNativeElements
      className={cards.table}
      aria-label={t('users.tableLabel', { tenant: tenantName })}
      size="small"
      data-testid="users-table"
    >
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={cards.selectAllCell}>
            <Checkbox checked={selection} onChange={onSelectPage} aria-label={t('users.selectAll')} />
            <span className={cards.label} aria-hidden="true">
              {t('users.selectAll')}
            </span>
          </TableHeaderCell>
          <TableHeaderCell className={mergeClasses(cards.wide3, cards.narrowHidden)}>
            {t('users.colName')}
          </TableHeaderCell>
          <TableHeaderCell className={mergeClasses(cards.wide3, cards.narrowHidden)}>
            {t('users.colStatus')}
          </TableHeaderCell>
          <TableHeaderCell className={mergeClasses(cards.wide2, cards.narrowHidden)}>
            {t('users.colActions')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((user) => (
          <UserRow
            key={user.id}
            user={user}
            selected={selected.has(user.id)}
            onSelect={(on) => onSelect(user.id, on)}
            enabled={enabled}
            actions={actions}
          />
        ))}
      </TableBody>
    </Table>
  );
}
