import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember, expectDalError, signUp } from "@/test/factories";
import { getOrganizationSettings, setExpiryWarningDays } from "./organizations";

describe("expiry warning setting", () => {
  it("defaults to 7 days, and owners and admins change it with an audited before and after", async () => {
    const account = await signUp();
    expect((await getOrganizationSettings(account.ctx)).expiryWarningDays).toBe(7);
    const admin = await addMember(account.orgSlug, "ADMIN");
    await setExpiryWarningDays(admin, 14);
    expect((await getOrganizationSettings(account.ctx)).expiryWarningDays).toBe(14);
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: account.ctx.organizationId, action: "organization.updated" } });
    expect(event.metadata).toEqual({ before: { expiryWarningDays: 7 }, after: { expiryWarningDays: 14 } });
  });

  it("refuses developers, viewers and out-of-range values, changing nothing", async () => {
    const account = await signUp();
    for (const role of ["DEVELOPER", "VIEWER"] as const) {
      await expectDalError(setExpiryWarningDays(await addMember(account.orgSlug, role), 3), "FORBIDDEN");
    }
    for (const days of [0, 91, 1.5, Number.NaN]) {
      const error = await expectDalError(setExpiryWarningDays(account.ctx, days), "INVALID");
      expect(error.fieldErrors?.days?.[0]).toMatch(/day/);
    }
    expect((await getOrganizationSettings(account.ctx)).expiryWarningDays).toBe(7);
    expect(await db.auditEvent.count({ where: { organizationId: account.ctx.organizationId, action: "organization.updated" } })).toBe(0);
  });

  it("reads and writes only the caller's organization", async () => {
    const [mine, theirs] = [await signUp(), await signUp()];
    await setExpiryWarningDays(mine.ctx, 30);
    expect((await getOrganizationSettings(theirs.ctx)).expiryWarningDays).toBe(7);
  });
});
