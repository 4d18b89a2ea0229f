import { describe, expect, it } from "vitest";
import { signUp } from "@/test/factories";
import { createKeyRole, listOrganizationRoles } from "./key-roles";
import { createProject } from "./projects";

// The access-token dialogs' role picker: roles of every project of the organization, by project.

const readAll = [{ table: "*", actions: ["read" as const], conditions: [] }];

describe("listOrganizationRoles", () => {
  it("groups the organization's roles by project, leaving out projects without roles and other organizations", async () => {
    const a = await signUp();
    const other = await createProject(a.ctx, "Billing");
    await createProject(a.ctx, "Empty");
    await createKeyRole(a.ctx, a.projectSlug, { name: "reader", description: "Reads everything", grants: readAll });
    await createKeyRole(a.ctx, a.projectSlug, { name: "auditor", description: "", grants: readAll });
    await createKeyRole(a.ctx, other.slug, { name: "invoices", description: "", grants: readAll });
    const b = await signUp();
    await createKeyRole(b.ctx, b.projectSlug, { name: "theirs", description: "", grants: readAll });

    const groups = await listOrganizationRoles(a.ctx);
    expect(groups.map((group) => [group.project.name, group.roles.map((role) => role.name)])).toEqual([
      ["Billing", ["invoices"]],
      ["My Project", ["auditor", "reader"]],
    ]);
    expect(groups[1]?.roles[1]).toMatchObject({ name: "reader", description: "Reads everything" });
    expect((await listOrganizationRoles(b.ctx)).flatMap((group) => group.roles.map((role) => role.name))).toEqual(["theirs"]);
  });
});
