"use client";

import { startTransition, type ComponentProps } from "react";

/**
 * A form that posts its fields to a server action without `action={…}`: React resets a form
 * after an action, and Radix checkboxes and selects then push their initial values back into the
 * dialog's controlled state, so a refused submit would lose what the user chose.
 */
export function TransitionForm({ action, ...props }: Omit<ComponentProps<"form">, "action" | "onSubmit"> & { action: (formData: FormData) => void }) {
  return (
    <form
      {...props}
      onSubmit={(event) => {
        event.preventDefault();
        const formData = new FormData(event.currentTarget);
        startTransition(() => action(formData));
      }}
    />
  );
}
