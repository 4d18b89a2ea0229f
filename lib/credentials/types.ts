import type { AccessTokenType } from "@/lib/generated/prisma/enums";
import type { CredentialRole, KeyContext } from "@/lib/access/permissions";
import type { KeyKind } from "@/lib/keys/format";

/** What a presented key or token turned out to be, as much as the request path needs. */
export type ResolvedCredential = EnvironmentKeyCredential | AccessTokenCredential;

export interface EnvironmentKeyCredential {
  kind: KeyKind;
  id: string;
  name: string;
  organizationId: string;
  projectId: string;
  projectPublicId: string;
  environmentId: string;
  environment: string;
  expiresAt: Date | null;
  /** Empty: the kind's default rights. Otherwise only what these roles grant. */
  roles: CredentialRole[];
  context: KeyContext;
  /** False until the first request with it is recorded (lib/credentials/first-use.ts). */
  firstUsed: boolean;
}

export interface AccessTokenCredential {
  kind: "access_token";
  id: string;
  name: string;
  organizationId: string;
  organizationSlug: string;
  type: AccessTokenType;
  scopes: string[];
  expiresAt: Date | null;
  /** Empty: the scopes decide alone. Otherwise data access is also limited to these roles' grants. */
  roles: CredentialRole[];
  context: KeyContext;
  /** False until the first request with it is recorded (lib/credentials/first-use.ts). */
  firstUsed: boolean;
}

/** Why a credential was refused before any permission was checked. */
export type CredentialFailure = "MALFORMED" | "NOT_FOUND" | "REVOKED" | "EXPIRED";
