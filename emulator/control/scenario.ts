import { DEMO_API_SCOPE_NAME, DEMO_APP_ROLE_ADMIN } from '../scenario/constants';
import type { PlantedError } from '../scenario/directory';
import type { EmulatorState } from '../state';
import type { ServiceAccountKey } from '../google/state';

/** The scenario as tests and scripts see it (GET /_emulator/scenario and startEmulator().scenario). */
type ScenarioUsers = Array<{
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
    users: ScenarioUsers;
  }>;
  google: {
    /** The product's service account key, as the Google Cloud console downloads it. */
    serviceAccountKey: ServiceAccountKey;
    /** The OAuth web client Workspace admins sign in with. */
    oauthClient: { clientId: string; clientSecret: string };
    /** Where the product reaches each Google endpoint (its configuration). */
    endpoints: { tokenUrl: string; accountsUrl: string; certsUrl: string; apiRootUrl: string };
    workspaces: Array<{
      customerId: string;
      displayName: string;
      domains: string[];
      /** Scopes authorized for the service account's client ID (domain-wide delegation). */
      delegatedScopes: string[];
      users: ScenarioUsers;
    }>;
  };
}

function usersOf(state: EmulatorState, users: EmulatorState['world']['users']): ScenarioUsers {
  return users.map((u) => ({
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
  }));
}

export function scenarioDocument(state: EmulatorState): Scenario {
  const google = `${state.baseUrl}/google`;
  return {
    app: {
      clientId: state.application.appId,
      clientSecret: state.clientSecret,
      redirectUris: [...state.application.spa.redirectUris, ...state.application.web.redirectUris],
      apiScope: `api://${state.application.appId}/${DEMO_API_SCOPE_NAME}`,
      adminRole: DEMO_APP_ROLE_ADMIN,
    },
    tenants: state.world.tenants.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      group: t.group,
      verifiedDomains: t.verifiedDomains,
      consentGranted: state.consentOf(t.id) === 'granted',
      users: usersOf(state, t.users),
    })),
    google: {
      serviceAccountKey: state.google.serviceAccountKey(`${google}/token`),
      oauthClient: state.google.oauthClient,
      endpoints: {
        tokenUrl: `${google}/token`,
        accountsUrl: google,
        certsUrl: `${google}/oauth2/v1/certs`,
        apiRootUrl: `${state.baseUrl}/`,
      },
      workspaces: state.world.workspaces.map((w) => ({
        customerId: w.id,
        displayName: w.displayName,
        domains: w.verifiedDomains,
        delegatedScopes: [...state.google.authorizedScopes(w.id, state.google.serviceAccount.clientId)],
        users: usersOf(state, w.users),
      })),
    },
  };
}
