import { createHash } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
  type KeyLike,
} from 'jose';

/**
 * The RS256 key pair tokens are signed with, generated at start like a key rollover, and
 * published through the JWKS endpoint with its `kid` so any OIDC library can validate tokens.
 */
export class SigningKeys {
  private constructor(
    readonly kid: string,
    private readonly privateKey: KeyLike,
    readonly publicKey: KeyLike,
    readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<SigningKeys> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', {
      modulusLength: 2048,
      extractable: true,
    });
    const jwk = await exportJWK(publicKey);
    const kid = createHash('sha256')
      .update(jwk.n ?? '')
      .digest('base64url')
      .slice(0, 27);
    return new SigningKeys(kid, privateKey, publicKey, { ...jwk, kid, use: 'sig', kty: 'RSA', alg: 'RS256' });
  }

  sign(claims: JWTPayload): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.kid })
      .sign(this.privateKey);
  }

  /** Verifies signature only; callers check audience and lifetime to answer with the right error. */
  async verifySignature(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.publicKey, {
      algorithms: ['RS256'],
      clockTolerance: 1e9,
    });
    return payload;
  }
}
