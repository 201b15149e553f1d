import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { ADDRESS_KINDS } from "~db/schema";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { US_REGION_MESSAGE, usRegionOf } from "~/lib/us-address";
import { ADDRESS_INTENT } from "./address-intents";

const addressId = recordId;

const label = z
  .string()
  .trim()
  .min(1, { error: "Name this address, like Plant 2 receiving" })
  .max(80, { error: "Keep the name under 80 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

const kind = z.enum(ADDRESS_KINDS, { error: "Choose shipping or billing" });

/** Line breaks as typed in any browser become "\n"; spaces at the ends of lines go. */
const address = z
  .string()
  .min(1, { error: "Enter the full address: street, city, ZIP code" })
  .max(1000, { error: "Keep the address under 1,000 characters" })
  .transform((typed) =>
    typed
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .trim(),
  )
  .pipe(
    z
      .string()
      .min(10, { error: "Enter the full address: street, city, ZIP code" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  );

/** A checkbox: sent as "on" when ticked, absent otherwise. */
const makeDefault = z
  .string()
  .optional()
  .transform((value) => value === "on");

/**
 * The forms of the address book page: one schema, one intent each. A shipping address is one
 * checkout and accepting a quote take as it is: freight and sales tax follow its state and ZIP code.
 */
export const AddressForm = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal(ADDRESS_INTENT.add), label, kind, address, makeDefault }),
    z.object({ intent: z.literal(ADDRESS_INTENT.edit), addressId, label, kind, address }),
    z.object({ intent: z.literal(ADDRESS_INTENT.remove), addressId }),
    z.object({ intent: z.literal(ADDRESS_INTENT.makeDefault), addressId }),
  ])
  .superRefine((form, ctx) => {
    if ("address" in form && form.kind === "shipping" && usRegionOf(form.address) === undefined)
      ctx.addIssue({ code: "custom", path: ["address"], message: US_REGION_MESSAGE });
  });

export type AddressFields = z.output<typeof AddressForm>;
