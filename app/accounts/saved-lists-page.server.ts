import { data, redirect } from "@remix-run/node";
import { listProductsByIds } from "~/catalog/product.server";
import { readCartToken } from "~/orders/cart-cookie.server";
import { getCart } from "~/orders/cart.server";
import type { FormResult } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { plural } from "~/lib/plural";
import { readForm } from "~/lib/request-body.server";
import { requireCustomer, type Customer } from "./customer-session.server";
import { MAX_SAVED_LISTS, SAVED_LIST_INTENT } from "./saved-list-intents";
import { SavedListForm, SavedListsForm } from "./saved-list-schema";
import {
  addToList,
  changeLine,
  createList,
  deleteList,
  findList,
  listChoices,
  mayManageList,
  removeLine,
  renameList,
  saveAsList,
  savedList,
  sendList,
  visibleLists,
  type ListRefusal,
} from "./saved-lists.server";
import { readTargetToken, TARGET_PLACE, targetCookieHeaders, type LinesTarget } from "./send-lines.server";

/** The query parameter a product page reads after "Add to list" without JavaScript. */
export const LIST_ADDED_PARAM = "added-to-list";

/** A refusal of the model as the form's answer: at its field when it has one. */
function refused(values: Record<string, string>, intent: string, outcome: ListRefusal) {
  const result: FormResult = outcome.field
    ? { status: "error", intent, fieldErrors: { [outcome.field]: outcome.message }, values }
    : formErrorResult(values, outcome.message, { intent });
  return invalid(result, outcome.status);
}

/** /account/lists: the lists the buyer sees, and whether another may be made. */
export async function listsPageData(request: Request) {
  const customer = await requireCustomer(request);
  const lists = visibleLists(customer);
  return data({
    lists,
    full: lists.length >= MAX_SAVED_LISTS,
    inCompany: customer.companyId !== null,
    constraints: constraintsOf(SavedListsForm),
  });
}

/**
 * A new list, "Add to list" from a product page and "Save cart as list". Without JavaScript an
 * added product goes back to its page, which says where it went; a refusal of a form sent from
 * another page is shown here, the form filled in again.
 */
export async function listsAction(request: Request) {
  const customer = await requireCustomer(request);
  const parsed = parseForm(SavedListsForm, await readForm(request, 16 * 1024));
  if (parsed.status === "error") return invalid(withProductName(parsed), 400);
  const { data: form, values } = parsed;
  if (form.intent === SAVED_LIST_INTENT.create) {
    const outcome = createList(customer, form.name);
    if (!outcome.ok) return refused(values, form.intent, outcome);
    return redirect(`/account/lists/${outcome.listId}?done=created`);
  }
  if (form.intent === SAVED_LIST_INTENT.saveCart) {
    const { lines } = getCart(await readCartToken(request));
    const saved = lines.map((line) => ({ productId: line.product.id, quantity: line.quantity }));
    const outcome = saveAsList(customer, form.name, saved);
    if (!outcome.ok) return refused(values, form.intent, outcome);
    return redirect(`/account/lists/${outcome.listId}?done=saved-cart`);
  }
  const outcome = addToList(customer, form);
  if (!outcome.ok) return refused(withProductName({ intent: form.intent, values }).values, form.intent, outcome);
  if (form.stay)
    return data<FormResult>({
      status: "success",
      intent: form.intent,
      fieldErrors: {},
      values: { listId: String(outcome.listId) },
      message: `Added to ${outcome.listName}.`,
    });
  return redirect(`/products/${outcome.product.slug}?${LIST_ADDED_PARAM}=${outcome.listId}`);
}

/** A refused "Add to list" names its product, so that the lists page can offer the form again. */
function withProductName<R extends { intent?: string; values: Record<string, string> }>(result: R): R {
  if (result.intent !== SAVED_LIST_INTENT.add) return result;
  const [product] = listProductsByIds([Number(result.values.productId)].filter(Number.isSafeInteger));
  return product ? { ...result, values: { ...result.values, productName: product.name } } : result;
}

/**
 * What a product page offers a signed-in buyer: their lists, and after "Add to list" without
 * JavaScript the list the product went to.
 */
export function addToListOffer(customer: Customer, url: URL) {
  const lists = listChoices(customer);
  const addedTo = lists.find((list) => String(list.id) === url.searchParams.get(LIST_ADDED_PARAM));
  return { lists, addedTo: addedTo ?? null };
}

/** A signed-in buyer may keep their cart as a saved list: the form's constraints, or null. */
export function saveCartOffer(customer: Customer | undefined) {
  return customer ? constraintsOf(SavedListsForm) : null;
}

const listIdOf = (param: string | undefined) => {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("List not found", { status: 404 });
  return id;
};

/** /account/lists/:id: the list and its lines; another company's list is not found. */
export async function listPageData(request: Request, param: string | undefined) {
  const customer = await requireCustomer(request);
  const found = savedList(customer, listIdOf(param));
  if (!found) throw new Response("List not found", { status: 404 });
  return data({ ...found, constraints: constraintsOf(SavedListForm) });
}

/** The answer to "Add all to cart / quote list": what went in, and line by line what did not. */
export type SendListResult = FormResult & { changes?: string[]; target?: LinesTarget };

const DONE_AT = {
  [SAVED_LIST_INTENT.rename]: "renamed",
  [SAVED_LIST_INTENT.changeLine]: "saved",
  [SAVED_LIST_INTENT.removeLine]: "removed",
} as const;

/** Every form of one list's page. A list the buyer does not see is not found, whatever was sent. */
export async function listAction(request: Request, param: string | undefined) {
  const customer = await requireCustomer(request);
  const listId = listIdOf(param);
  const list = findList(customer, listId);
  if (!list) throw new Response("List not found", { status: 404 });
  const form = await readForm(request, 16 * 1024);
  const intent = form.get("intent") ?? "";
  const managing = intent === SAVED_LIST_INTENT.rename || intent === SAVED_LIST_INTENT.remove;
  if (managing && !mayManageList(customer, list))
    return invalid(
      formErrorResult({}, "Only the person who made this list or a company admin can rename or delete it.", {
        intent,
      }),
      403,
    );
  const parsed = parseForm(SavedListForm, form);
  if (parsed.status === "error") return invalid(parsed, 400);
  const { data: sent, values } = parsed;
  switch (sent.intent) {
    case SAVED_LIST_INTENT.send:
      return sendAction(request, customer, listId, sent.target);
    case SAVED_LIST_INTENT.remove: {
      const outcome = deleteList(customer, listId);
      if (!outcome.ok) return refused(values, sent.intent, outcome);
      return redirect(`/account/lists?done=deleted`);
    }
    case SAVED_LIST_INTENT.rename:
    case SAVED_LIST_INTENT.changeLine:
    case SAVED_LIST_INTENT.removeLine: {
      const outcome =
        sent.intent === SAVED_LIST_INTENT.rename
          ? renameList(customer, listId, sent.name)
          : sent.intent === SAVED_LIST_INTENT.changeLine
            ? changeLine(customer, listId, sent.lineId, sent)
            : removeLine(customer, listId, sent.lineId);
      if (!outcome.ok) return refused(values, sent.intent, outcome);
      return redirect(`/account/lists/${listId}?done=${DONE_AT[sent.intent]}`);
    }
  }
}

async function sendAction(request: Request, customer: Customer, listId: number, target: LinesTarget) {
  const outcome = sendList(customer, listId, target, await readTargetToken(request, target));
  if (!outcome.ok) throw new Response("List not found", { status: 404 });
  const place = TARGET_PLACE[target];
  const message =
    outcome.of === 0
      ? `${outcome.name} is empty: nothing was added.`
      : outcome.added
        ? `Added ${outcome.added === outcome.of ? "" : `${outcome.added} of `}${plural(outcome.of, "line")} of ${outcome.name} to ${place}.`
        : `Nothing of ${outcome.name} could be added to ${place}.`;
  return data<SendListResult>(
    {
      status: "success",
      intent: SAVED_LIST_INTENT.send,
      fieldErrors: {},
      values: {},
      message,
      changes: outcome.changes,
      target,
    },
    { headers: await targetCookieHeaders(target, outcome.token) },
  );
}
