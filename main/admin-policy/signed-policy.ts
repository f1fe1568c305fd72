import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * A policy an admin hands a rep as a file, signed with the admin's Ed25519 key.
 *
 * Trust model (README, "Teams and admin policy"): trust on first use. The first
 * signed policy a data folder imports pins its public key; every later import
 * must be signed by that same key, and the stored policy is verified again each
 * time Ferry reads it, so an edit to it (in the database or anywhere else) makes
 * it unusable and locks everything instead of unlocking anything. The private
 * key never leaves the admin's machine; the envelope carries only the public key,
 * the policy's exact text and the signature over that text's UTF-8 bytes (no
 * re-serialising, so what is verified is byte for byte what was signed).
 */
export const SIGNED_POLICY_FORMAT = 'ferry-signed-policy';

export const signedPolicySchema = z.object({
  format: z.literal(SIGNED_POLICY_FORMAT),
  /** the policy document's JSON, exactly as signed */
  policy: z.string().min(2).max(256 * 1024),
  /** base64 Ed25519 signature of the UTF-8 bytes of `policy` */
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200),
  /** base64 DER (SPKI) of the admin's Ed25519 public key */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200),
}).strict();

type SignedPolicy = z.infer<typeof signedPolicySchema>;

export function publicKeyFromBase64(b64: string): KeyObject {
  const key = createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return key;
}

/** True when `signature` is the key's Ed25519 signature of `policy`. Never throws. */
export function verifySignedText(policy: string, signature: string, publicKeyB64: string): boolean {
  try {
    return verify(null, Buffer.from(policy, 'utf8'), publicKeyFromBase64(publicKeyB64), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** For the admin: a new key pair; the private key as PKCS#8 PEM (kept by the admin), the public key as base64 SPKI. */
export function generateAdminKey(): { privateKeyPem: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** For the admin: the envelope for a policy's text, signed with the private key (PEM). */
export function signPolicyText(policy: string, privateKeyPem: string): SignedPolicy {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The admin key must be an Ed25519 private key (ferry policy keygen makes one).');
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  const signature = sign(null, Buffer.from(policy, 'utf8'), privateKey).toString('base64');
  return { format: SIGNED_POLICY_FORMAT, policy, signature, publicKey };
}
