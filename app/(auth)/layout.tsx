import { KeyRound } from "lucide-react";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-muted/40 px-4 py-12 dark:bg-background">
      <div className="mb-8 flex items-center gap-2 text-lg font-semibold tracking-tight">
        <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground">
          <KeyRound className="size-4" aria-hidden />
        </span>
        Keyward
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
