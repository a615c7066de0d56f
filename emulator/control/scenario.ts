import { DEMO_API_SCOPE_NAME, DEMO_APP_ROLE_ADMIN } from '../scenario/constants';
import type { PlantedError } from '../scenario/directory';
import type { EmulatorState } from '../state';

/** The scenario as tests and scripts see it (GET /_emulator/scenario and startEmulator().scenario). */
export interface Scenario {
  app: {
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
    apiScope: string;
    adminRole: string;
  };
  tenants: Array<{
    id: string;
    displayName: string;
    group: string;
    verifiedDomains: string[];
    consentGranted: boolean;
    users: Array<{
      id: string;
      userPrincipalName: string;
      mail: string;
      displayName: string;
      password: string;
      isAdmin: boolean;
      userType: 'Member' | 'Guest';
      licensed: boolean;
      preferredLanguage: string;
      plantedError: PlantedError | null;
      /** The planted deleted-user after its first mailbox call. */
      deleted: boolean;
    }>;
  }>;
}

export function scenarioDocument(state: EmulatorState): Scenario {
  return {
    app: {
      clientId: state.app.clientId,
      clientSecret: state.app.clientSecret,
      redirectUris: state.app.redirectUris,
      apiScope: `api://${state.app.clientId}/${DEMO_API_SCOPE_NAME}`,
      adminRole: DEMO_APP_ROLE_ADMIN,
    },
    tenants: state.world.tenants.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      group: t.group,
      verifiedDomains: t.verifiedDomains,
      consentGranted: state.consentOf(t.id) === 'granted',
      users: t.users.map((u) => ({
        id: u.id,
        userPrincipalName: u.userPrincipalName,
        mail: u.mail,
        displayName: u.displayName,
        password: u.password,
        isAdmin: u.isAdmin,
        userType: u.userType,
        licensed: u.licensed,
        preferredLanguage: u.preferredLanguage,
        plantedError: u.plantedError,
        deleted: state.deletedUsers.has(u.id),
      })),
    })),
  };
}
