import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { quantityField } from "~/lib/quantity";
import {
  MAX_LIST_NAME_LENGTH,
  MAX_LIST_NOTE_LENGTH,
  MAX_SAVED_LIST_QUANTITY,
  SAVED_LIST_INTENT,
} from "./saved-list-intents";

const id = recordId;

const listName = z
  .string({ error: "Name the list, like Line 3 spares" })
  .trim()
  .min(1, { error: "Name the list, like Line 3 spares" })
  .max(MAX_LIST_NAME_LENGTH, { error: `Keep the name to ${MAX_LIST_NAME_LENGTH} characters` })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

const quantity = quantityField(MAX_SAVED_LIST_QUANTITY);

/** Sent only by a script: answer on the page instead of redirecting. */
const stay = z
  .string()
  .optional()
  .transform((value) => value === "1");

/**
 * Adding a product: to the list chosen, or to a new one when a name is typed (the name wins, so
 * that what the buyer typed is never thrown away).
 */
const AddToList = z
  .object({
    intent: z.literal(SAVED_LIST_INTENT.add),
    productId: id,
    listId: z
      .string()
      .optional()
      .transform((value) => (value ? Number(value) : undefined))
      .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
    newListName: z
      .string()
      .trim()
      .max(MAX_LIST_NAME_LENGTH, { error: `Keep the name to ${MAX_LIST_NAME_LENGTH} characters` })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
      .optional()
      .transform((value) => value || undefined),
    quantity,
    stay,
  })
  .superRefine((form, context) => {
    if (form.listId === undefined && form.newListName === undefined)
      context.addIssue({
        code: "custom",
        path: ["newListName"],
        message: "Choose a list, or name a new one like Line 3 spares",
      });
  });

/** The forms of /account/lists: a new list, "Add to list" from a product page, "Save cart as list". */
export const SavedListsForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(SAVED_LIST_INTENT.create), name: listName }),
  AddToList,
  z.object({ intent: z.literal(SAVED_LIST_INTENT.saveCart), name: listName }),
]);

/** The forms of one list's page. */
export const SavedListForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(SAVED_LIST_INTENT.rename), name: listName }),
  z.object({
    intent: z.literal(SAVED_LIST_INTENT.remove),
    confirm: z.literal("on", { error: "Tick the box to confirm: the list and its lines go for good" }),
  }),
  z.object({
    intent: z.literal(SAVED_LIST_INTENT.changeLine),
    lineId: id,
    quantity,
    note: z
      .string()
      .trim()
      .max(MAX_LIST_NOTE_LENGTH, { error: `Keep the note to ${MAX_LIST_NOTE_LENGTH} characters` })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
      .default(""),
  }),
  z.object({ intent: z.literal(SAVED_LIST_INTENT.removeLine), lineId: id }),
  z.object({
    intent: z.literal(SAVED_LIST_INTENT.send),
    target: z.enum(["cart", "quote"], { error: "Choose the cart or the quote list" }),
  }),
]);
