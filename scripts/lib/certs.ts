import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { certDir } from './paths';

/**
 * A local certificate authority and a localhost certificate it signs. Microsoft 365 demands HTTPS
 * (MSAL refuses plain-HTTP authorities; Outlook loads add-ins only over HTTPS), so the emulator and
 * the development server serve HTTPS with these; Node trusts the CA through NODE_EXTRA_CA_CERTS.
 * The private keys never leave .local/ (git-ignored).
 */
export const devCerts = {
  caCert: path.join(certDir, 'ca.pem'),
  caKey: path.join(certDir, 'ca-key.pem'),
  cert: path.join(certDir, 'localhost.pem'),
  key: path.join(certDir, 'localhost-key.pem'),
};

export function devCertsExist(): boolean {
  return Object.values(devCerts).every((f) => existsSync(f)) && !expiresSoon(devCerts.cert);
}

function expiresSoon(certFile: string): boolean {
  const cert = forge.pki.certificateFromPem(readFileSync(certFile, 'utf8'));
  return cert.validity.notAfter.getTime() - Date.now() < 7 * 24 * 3600 * 1000;
}

function serial(): string {
  // Positive, 16 random bytes, as CAs/browsers expect.
  return '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
}

/** DEV_CERT_HOSTS adds host names to the certificate (containers reaching each other by name). */
export function createDevCerts(
  progress: (line: string) => void = console.log,
  extraHosts: string[] = (process.env.DEV_CERT_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean),
): void {
  mkdirSync(certDir, { recursive: true, mode: 0o700 });
  progress('Creating a local certificate authority and a localhost certificate (.local/certs)…');
  const now = new Date(Date.now() - 60_000);

  const caKeys = forge.pki.rsa.generateKeyPair(2048);
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serial();
  ca.validity.notBefore = now;
  ca.validity.notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000);
  const caName = [
    { name: 'commonName', value: 'Smart Activity Management local development CA' },
    { name: 'organizationName', value: 'Smart Activity Management (development only)' },
  ];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const leafKeys = forge.pki.rsa.generateKeyPair(2048);
  const leaf = forge.pki.createCertificate();
  leaf.publicKey = leafKeys.publicKey;
  leaf.serialNumber = serial();
  leaf.validity.notBefore = now;
  leaf.validity.notAfter = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  leaf.setSubject([{ name: 'commonName', value: 'localhost' }]);
  leaf.setIssuer(caName);
  leaf.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        ...extraHosts.map((value) => ({ type: 2, value })),
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  leaf.sign(caKeys.privateKey, forge.md.sha256.create());

  writeFileSync(devCerts.caCert, forge.pki.certificateToPem(ca));
  writeFileSync(devCerts.caKey, forge.pki.privateKeyToPem(caKeys.privateKey), { mode: 0o600 });
  writeFileSync(devCerts.cert, forge.pki.certificateToPem(leaf));
  writeFileSync(devCerts.key, forge.pki.privateKeyToPem(leafKeys.privateKey), { mode: 0o600 });
}

/**
 * The file to give child processes as NODE_EXTRA_CA_CERTS so they trust the local CA. Node reads
 * one file only, so when the environment already names one (some machines set the system bundle),
 * both are joined into .local/certs/extra-ca-bundle.pem.
 */
export function extraCaBundle(existing: string | undefined): string {
  if (!existing || path.resolve(existing) === devCerts.caCert || !existsSync(existing))
    return devCerts.caCert;
  const bundle = path.join(certDir, 'extra-ca-bundle.pem');
  writeFileSync(
    bundle,
    `${readFileSync(existing, 'utf8').trimEnd()}\n${readFileSync(devCerts.caCert, 'utf8')}`,
  );
  return bundle;
}
