import { createHash, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { hash32 } from '../scenario/prng';

/**
 * What the Google side of the emulator remembers: the product's service account and OAuth client
 * (as the Google Cloud console would issue them), which Workspace customers authorized that
 * client ID for which scopes (the Admin console's domain-wide delegation page), access tokens and
 * sign-in codes handed out, and each user's Gmail quota use.
 */

export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  token_uri: string;
}

export interface AccessGrant {
  userId: string;
  scopes: Set<string>;
  expiresAt: number;
}

export interface SignInCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  nonce: string | null;
  scope: string;
  expiresAt: number;
  redeemed: boolean;
}

export interface GmailLimits {
  /** Gmail's per-user rate limit: 15,000 quota units per user per minute. */
  unitsPerUserMinute: number;
}

export class GoogleState {
  readonly serviceAccount: {
    email: string;
    clientId: string;
    keyId: string;
    privateKeyPem: string;
    publicKey: KeyObject;
  };
  readonly oauthClient: { clientId: string; clientSecret: string };
  /** The key Google signs ID tokens with, and its X.509 certificate as /oauth2/v1/certs serves it. */
  readonly idTokenKey: { kid: string; privateKey: KeyObject; certificatePem: string; publicKey: KeyObject };
  /** customer ID → client ID → authorized scopes. Empty at start, as in a fresh Workspace. */
  delegations = new Map<string, Map<string, Set<string>>>();
  accessTokens = new Map<string, AccessGrant>();
  codes = new Map<string, SignInCode>();
  /** Per user: quota units spent per second over the last minute, [second, units]. */
  usage = new Map<string, Array<[number, number]>>();

  constructor(
    seed: number,
    readonly limits: GmailLimits,
  ) {
    const account = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const digits = (label: string, n: number) => {
      let out = '1';
      for (let i = 0; out.length < n; i++) out += String(hash32(seed, label, i) % 100_000).padStart(5, '0');
      return out.slice(0, n);
    };
    this.serviceAccount = {
      email: 'smart-activity@sam-emulator.iam.gserviceaccount.com',
      clientId: digits('service-account', 21),
      keyId: createHash('sha1').update(randomBytes(16)).digest('hex'),
      privateKeyPem: account.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: account.publicKey,
    };
    this.oauthClient = {
      clientId: `${digits('oauth-client', 12)}-${hash32(seed, 'oauth').toString(36)}emulator.apps.googleusercontent.com`,
      clientSecret: `GOCSPX-${hash32(seed, 'oauth-secret-a').toString(36)}${hash32(seed, 'oauth-secret-b').toString(36)}`,
    };
    const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = signing.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const forgeKey = forge.pki.privateKeyFromPem(pem);
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
    cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
    cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
    cert.validity.notAfter = new Date(Date.now() + 14 * 24 * 3600_000);
    const name = [{ name: 'commonName', value: 'federated-signon.system.gserviceaccount.com' }];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.sign(forgeKey, forge.md.sha256.create());
    this.idTokenKey = {
      kid: createHash('sha1').update(pem).digest('hex'),
      privateKey: signing.privateKey,
      certificatePem: forge.pki.certificateToPem(cert),
      publicKey: createPublicKey(signing.privateKey),
    };
  }

  serviceAccountKey(tokenUri: string): ServiceAccountKey {
    return {
      type: 'service_account',
      project_id: 'sam-emulator',
      private_key_id: this.serviceAccount.keyId,
      private_key: this.serviceAccount.privateKeyPem,
      client_email: this.serviceAccount.email,
      client_id: this.serviceAccount.clientId,
      token_uri: tokenUri,
    };
  }

  authorizedScopes(customerId: string, clientId: string): Set<string> {
    return this.delegations.get(customerId)?.get(clientId) ?? new Set();
  }

  reset(): void {
    this.delegations.clear();
    this.accessTokens.clear();
    this.codes.clear();
    this.usage.clear();
  }
}
