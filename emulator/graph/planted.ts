import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { GraphError } from './http';

/**
 * The planted integration failures, answered exactly as Exchange Online and Entra answer them.
 * The two 403 ErrorAccessDenied forms differ only in their message: an application access policy
 * ("Access to OData is disabled") against a missing Mail.Read ("Access is denied. Check
 * credentials and try again.").
 * `deleted-user` is deleted by the first mailbox call for it, as when an account is removed
 * after an integration started: from then on it is gone from the directory too.
 */

export const userNotFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

/** Exchange Online's answer when the app may not read mail: Mail.Read not granted, or revoked. */
export const mailAccessDenied = () =>
  new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');

export function checkPlantedFailure(state: EmulatorState, user: DirectoryUser): void {
  switch (user.plantedError) {
    case 'no-mailbox':
    case 'guest':
      throw new GraphError(
        404,
        'MailboxNotEnabledForRESTAPI',
        'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      );
    case 'deleted-user':
      state.deletedUsers.add(user.id);
      throw userNotFound(user.id);
    case 'access-denied':
      // An application access policy (or RBAC for Applications) leaves this mailbox out.
      throw new GraphError(
        403,
        'ErrorAccessDenied',
        'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
      );
    case 'mail-read-denied':
      throw mailAccessDenied();
    case 'persistent-failure':
      throw new GraphError(
        500,
        'ErrorInternalServerError',
        'An internal server error occurred. The operation failed.',
      );
    default:
  }
}
