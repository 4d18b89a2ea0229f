/** A client address in a table cell, or a dash when none was recorded. */
export function IpCell({ ip }: { ip: string | null }) {
  if (!ip) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="block truncate font-mono text-xs text-muted-foreground" title={ip}>
      {ip}
    </span>
  );
}
