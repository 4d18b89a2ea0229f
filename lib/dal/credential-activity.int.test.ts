import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember, expectDalError, requestFrom, signUp, type TestAccount } from "@/test/factories";
import { createAccessToken } from "./access-tokens";
import { createApiKey, deleteApiKey } from "./api-keys";
import { getAccessTokenDetail, getApiKeyDetail, getCredentialTimeline, TIMELINE_WINDOW_DAYS, type TimelineItem } from "./credential-activity";

// A key's and a token's page: details, and one timeline merging lifecycle events with request
// activity bucketed per hour by the database. Request rows are written directly, with chosen
// times, statuses and codes, as the usage flusher would write them.

const request = requestFrom("203.0.113.61", "vitest/credential-activity");
const HOUR = 3_600_000;

function summary(items: TimelineItem[]) {
  return items.map((item) =>
    item.kind === "event"
      ? { event: item.event.action }
      : { hour: item.requests.hour.toISOString(), calls: item.requests.calls, denied: item.requests.denied, reasons: item.requests.reasons },
  );
}

describe("credential pages", () => {
  let owner: TestAccount;
  let other: TestAccount;
  let keyId: string;
  let tokenId: string;

  async function insertRequests(account: TestAccount, credentialId: string, rows: { at: string; status?: number; code?: string }[]) {
    await db.requestLog.createMany({
      data: rows.map((row) => ({
        organizationId: account.ctx.organizationId,
        credentialKind: "secret",
        credentialId,
        credentialName: "server",
        method: "GET",
        path: "/v1/data/posts",
        status: row.status ?? 200,
        code: row.code ?? null,
        latencyMs: 5,
        createdAt: new Date(row.at),
      })),
    });
  }

  beforeAll(async () => {
    owner = await signUp({ request });
    other = await signUp({ request });
    const { key } = await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: "server" });
    keyId = key.id;
    const { token } = await createAccessToken(owner.ctx, { name: "pipeline", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: null });
    tokenId = token.id;
  });

  it("buckets requests per hour in SQL with the denials and their reasons, merged newest first with lifecycle events", async () => {
    const before = new Date(Date.now() + HOUR);
    const hourAgo = new Date(Math.floor((Date.now() - 2 * HOUR) / HOUR) * HOUR);
    const at = (hours: number, minutes: number) => new Date(hourAgo.getTime() - hours * HOUR + minutes * 60_000).toISOString();
    await insertRequests(owner, keyId, [
      { at: at(0, 1) },
      { at: at(0, 59) },
      { at: at(0, 10), status: 403, code: "INSUFFICIENT_SCOPE" },
      { at: at(0, 20), status: 403, code: "INSUFFICIENT_SCOPE" },
      { at: at(0, 30), status: 429, code: "RATE_LIMITED" },
      { at: at(3, 0) },
      { at: at(3, 5), status: 502 },
    ]);
    // (The rows are back-dated; the key's events happen now.) The same credential id in another
    // organization never counts.
    await insertRequests(other, keyId, [{ at: at(0, 2) }]);
    await deleteApiKey(owner.ctx, { keyId });

    const timeline = await getCredentialTimeline(owner.ctx, { type: "api_key", id: keyId }, before);
    expect(summary(timeline.items)).toEqual([
      { event: "api_key.deleted" },
      { event: "api_key.secret_shown" },
      { event: "api_key.created" },
      { hour: hourAgo.toISOString(), calls: 5, denied: 3, reasons: [{ code: "INSUFFICIENT_SCOPE", count: 2 }, { code: "RATE_LIMITED", count: 1 }] },
      { hour: new Date(hourAgo.getTime() - 3 * HOUR).toISOString(), calls: 2, denied: 1, reasons: [{ code: "HTTP 502", count: 1 }] },
    ]);
    const created = timeline.items[2];
    expect(created?.kind === "event" && created.event).toMatchObject({ actor: { type: "user" }, ip: "203.0.113.61" });
    expect(timeline.hasOlder).toBe(false);
  });

  it("pages by window: older activity is behind Load older", async () => {
    const before = new Date(Date.now() - TIMELINE_WINDOW_DAYS * 86_400_000);
    await insertRequests(owner, tokenId, [{ at: new Date(before.getTime() - 2 * HOUR).toISOString(), status: 404, code: "NOT_FOUND" }]);
    const recent = await getCredentialTimeline(owner.ctx, { type: "access_token", id: tokenId });
    expect(summary(recent.items)).toEqual([{ event: "access_token.secret_shown" }, { event: "access_token.created" }]);
    expect(recent.hasOlder).toBe(true);
    const older = await getCredentialTimeline(owner.ctx, { type: "access_token", id: tokenId }, recent.from);
    expect(summary(older.items)).toEqual([
      { hour: new Date(Math.floor((before.getTime() - 2 * HOUR) / HOUR) * HOUR).toISOString(), calls: 1, denied: 1, reasons: [{ code: "NOT_FOUND", count: 1 }] },
    ]);
  });

  it("shows a deleted key's tombstone and a token's details; other organizations get NOT_FOUND", async () => {
    expect(await getApiKeyDetail(owner.ctx, { projectSlug: owner.projectSlug, keyId })).toMatchObject({
      name: "server",
      kind: "secret",
      environment: "dev",
      status: "deleted",
      maskedKey: expect.stringMatching(/^sk_.*…[0-9A-Za-z]{4}$/),
    });
    expect(await getAccessTokenDetail(owner.ctx, tokenId)).toMatchObject({ name: "pipeline", type: "BEARER_TOKEN", scopes: ["*:*"], status: "active" });

    await expectDalError(getApiKeyDetail(other.ctx, { projectSlug: other.projectSlug, keyId }), "NOT_FOUND");
    await expectDalError(getApiKeyDetail(other.ctx, { projectSlug: owner.projectSlug, keyId }), "NOT_FOUND");
    await expectDalError(getAccessTokenDetail(other.ctx, tokenId), "NOT_FOUND");
    // Timelines are scoped by organization too: none of the owner's events or requests.
    expect((await getCredentialTimeline(other.ctx, { type: "api_key", id: keyId })).items).toEqual([
      expect.objectContaining({ kind: "requests", requests: expect.objectContaining({ calls: 1, denied: 0 }) }),
    ]);
  });

  it("hides colleagues' IPs from those who may not read the audit log", async () => {
    const developer = await addMember(owner.orgSlug, "DEVELOPER", request);
    const timeline = await getCredentialTimeline(developer, { type: "access_token", id: tokenId });
    const event = timeline.items.find((item) => item.kind === "event");
    expect(event?.kind === "event" && event.event.ip).toBeNull();
  });
});
