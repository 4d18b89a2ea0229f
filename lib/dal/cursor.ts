import { z } from "zod";
import { DalError } from "./errors";

/**
 * Opaque cursors for keyset paging in newest-first order: (createdAt, id) of the last row seen.
 * Keyset paging stays O(page) however deep a client pages, unlike offsets.
 */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

const positionSchema = z.tuple([z.iso.datetime(), z.string().regex(/^[a-z0-9]{1,64}$/)]);

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString("base64url");
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = positionSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt: new Date(createdAt), id };
  } catch {
    throw new DalError("INVALID", "The cursor is not valid. Use the nextCursor value of a previous response.", {
      cursor: ["Not a cursor issued by this API."],
    });
  }
}

/** Rows strictly after `cursor` in (createdAt desc, id desc) order. */
export function afterCursor(cursor: string | undefined) {
  if (!cursor) return {};
  const { createdAt, id } = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Fetch limit + 1 rows; the extra one only says whether there is a next page. */
export function pageOf<Row extends CursorPosition>(rows: Row[], limit: number): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
