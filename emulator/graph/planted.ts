import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { GraphError } from './http';

/**
 * The planted integration failures, answered exactly as Exchange Online and Entra answer them.
 * `deleted-user` is deleted by the first mailbox call for it, as when an account is removed
 * after an integration started: from then on it is gone from the directory too.
 */

export const userNotFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export function checkPlantedFailure(state: EmulatorState, user: DirectoryUser): void {
  // A B2B guest has no mailbox in the tenant that invited them.
  switch (user.userType === 'Guest' ? 'no-mailbox' : user.plantedError) {
    case 'no-mailbox':
      throw new GraphError(
        404,
        'MailboxNotEnabledForRESTAPI',
        'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      );
    case 'deleted-user':
      state.deletedUsers.add(user.id);
      throw userNotFound(user.id);
    case 'access-denied':
      throw new GraphError(
        403,
        'ErrorAccessDenied',
        'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
      );
    case 'persistent-failure':
      throw new GraphError(
        500,
        'ErrorInternalServerError',
        'An internal server error occurred. The operation failed.',
      );
    default:
  }
}
