"use client";

import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { toast } from "sonner";
import { createProjectAction, type CreateProjectState } from "@/app/(console)/[orgSlug]/actions";
import { FormError } from "@/components/forms/form-error";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";

export function NewProjectDialog({ orgSlug, open, onOpenChange }: { orgSlug: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">{open ? <NewProjectForm orgSlug={orgSlug} onDone={() => onOpenChange(false)} /> : null}</DialogContent>
    </Dialog>
  );
}

function NewProjectForm({ orgSlug, onDone }: { orgSlug: string; onDone: () => void }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<CreateProjectState, FormData>(async (previous, formData) => {
    const result = await createProjectAction(orgSlug, previous, formData);
    if (result.status === "success") {
      toast.success("Project created", { description: `${result.data.name} has dev and prod environments.` });
      onDone();
      router.push(`/${orgSlug}/${result.data.slug}/api-keys` as Route);
    }
    return result;
  }, { status: "idle" });
  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="grid gap-5" noValidate>
      <DialogHeader>
        <DialogTitle>New project</DialogTitle>
        <DialogDescription>A project has its own Project ID, environments (dev and prod to start) and keys.</DialogDescription>
      </DialogHeader>
      <TextField id="project-name" name="name" label="Project name" placeholder="Mobile app" autoComplete="off" maxLength={64} required autoFocus errors={fieldErrors?.name} />
      <FormError message={state.status === "error" && !fieldErrors?.name ? state.message : null} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null}
          Create
        </Button>
      </DialogFooter>
    </form>
  );
}
