import { Badge } from "@/components/ui/badge";

const SHOWN = 3;

/** A credential's roles as badges ("+2" for the rest); `empty` says what having none means. */
export function RoleBadges({ roles, empty }: { roles: ReadonlyArray<{ id: string; name: string; project?: string }>; empty: string }) {
  if (roles.length === 0) return <span className="text-xs text-muted-foreground">{empty}</span>;
  const shown = roles.slice(0, SHOWN);
  const rest = roles.slice(SHOWN);
  return (
    <ul className="flex flex-wrap gap-1" aria-label={`${roles.length} ${roles.length === 1 ? "role" : "roles"}`}>
      {shown.map((role) => (
        <li key={role.id}>
          <Badge variant="outline" title={role.project ? `${role.name} · ${role.project}` : role.name} className="max-w-40 truncate">
            {role.name}
          </Badge>
        </li>
      ))}
      {rest.length > 0 ? (
        <li>
          <Badge variant="secondary" title={rest.map((role) => role.name).join(", ")}>
            +{rest.length}
          </Badge>
        </li>
      ) : null}
    </ul>
  );
}
