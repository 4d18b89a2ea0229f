import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, deleteApiKey } from "@/lib/dal/api-keys";
import { signUp, type TestAccount } from "@/test/factories";
import { clearCache } from "./cache";
import { lookupCredential } from "./resolve";

let owner: TestAccount;

beforeAll(async () => {
  owner = await signUp();
});

const newKey = (name: string) => createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name });

describe("credential lookup", () => {
  it("answers a burst of requests with a cold cache from one database read", async () => {
    const key = await newKey("burst");
    clearCache();
    const answers = await Promise.all(Array.from({ length: 25 }, () => lookupCredential(key.plaintext)));
    const credentials = answers.map((answer) => (answer.ok ? answer.credential : answer.code));
    // One read builds one credential object; 25 reads would build 25.
    expect(new Set(credentials).size).toBe(1);
    expect(answers[0]).toMatchObject({ ok: true, credential: { id: key.key.id } });
  });

  it("refuses a key on the first lookup after its delete returned, even when lookups were in flight during it", async () => {
    for (let trial = 0; trial < 10; trial++) {
      const key = await newKey(`raced ${trial}`);
      clearCache();
      // Lookups start before, during and right after the delete's transaction.
      const inFlight: Array<Promise<unknown>> = [lookupCredential(key.plaintext)];
      const deleting = deleteApiKey(owner.ctx, { keyId: key.key.id });
      for (let i = 0; i < 5; i++) {
        await Promise.resolve();
        inFlight.push(lookupCredential(key.plaintext));
      }
      await deleting;
      await Promise.all(inFlight);
      expect(await lookupCredential(key.plaintext)).toEqual({ ok: false, code: "REVOKED" });
    }
  });
});
