import * as Crypto from 'expo-crypto';

/** A fresh Idempotency-Key for one submission of the create form. */
export function newIdempotencyKey(): string {
  return Crypto.randomUUID();
}
