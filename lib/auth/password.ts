import "server-only";
import { hash, verify } from "@node-rs/argon2";

// OWASP's minimum for Argon2id: 19 MiB of memory, 2 iterations, 1 lane. (`Algorithm` is a
// const enum, which isolated modules cannot read: 2 is its Argon2id member.)
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

// A real hash of a random password: verifying against it for unknown emails costs the same time
// as a wrong password, so response timing does not reveal which emails have accounts.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$ktenVN07H6PbMmbucZXGgw$V1iDXHEgqdahoRU6bqMeX0kB2Q4yGFd7Uz09mg/Fqf8";

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return passwordHash !== null && ok;
  } catch {
    return false;
  }
}
