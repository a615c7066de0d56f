/** Test certificates are made exactly as `entra:register` makes the app's. */
export {
  keyCredentialOf,
  selfSignedCertificate,
  type AppCertificate as TestCertificate,
} from '../../scripts/lib/app-certificate';
