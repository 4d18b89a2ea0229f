import { Badge } from "@/components/ui/badge";

type CredentialStatus = "active" | "expired" | "deleted" | "revoked";

const STATUS: Record<CredentialStatus, { label: string; variant: "success" | "warning" | "destructive" }> = {
  active: { label: "Active", variant: "success" },
  expired: { label: "Expired", variant: "warning" },
  deleted: { label: "Deleted", variant: "destructive" },
  revoked: { label: "Revoked", variant: "destructive" },
};

export function CredentialStatusBadge({ status }: { status: CredentialStatus }) {
  return <Badge variant={STATUS[status].variant}>{STATUS[status].label}</Badge>;
}
