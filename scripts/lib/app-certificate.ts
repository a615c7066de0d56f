import { createHash, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/**
 * A self-signed certificate for the app's credential (certificate-credentials.md): `entra:register`
 * makes one and uploads only its public part; the private key stays on the servers. The key pair
 * comes from Node; node-forge only writes the certificate around it.
 */
export interface AppCertificate {
  certificatePem: string;
  privateKeyPem: string;
  /** DER bytes, base64: the `key` of a keyCredential. */
  derBase64: string;
  /** SHA-256 of the DER encoding, hex: what msal-node's clientCertificate.thumbprintSha256 takes. */
  thumbprintSha256: string;
}

export function selfSignedCertificate(
  commonName = 'Smart Activity Management',
  validDays = 365,
): AppCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + validDays * 24 * 3600_000);
  const name = [{ name: 'commonName', value: commonName }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    privateKeyPem,
    derBase64: der.toString('base64'),
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
  };
}

/** The keyCredential that registers the certificate on the application object. */
export function keyCredentialOf(cert: AppCertificate, keyId = '2b6d3c1a-0f4e-4d8b-9a71-5c3e2f1d0b9a') {
  const der = Buffer.from(cert.derBase64, 'base64');
  return {
    keyId,
    type: 'AsymmetricX509Cert' as const,
    usage: 'Verify' as const,
    key: cert.derBase64,
    customKeyIdentifier: createHash('sha1').update(der).digest('base64'),
    displayName: 'CN=Smart Activity Management',
    startDateTime: null,
    endDateTime: null,
  };
}
