import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/admin/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { errorsOf, typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";
import { bpText } from "~/quotes/quote-approval";
import { ApprovalRulesForm } from "~/quotes/quote-approval-schema";
import { getApprovalRules, setApprovalRules } from "~/quotes/quote-approval.server";

export const meta: MetaFunction = () => [
  { title: "Quote approval rules · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  return data({ rules: getApprovalRules() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const parsed = parseForm(ApprovalRulesForm, await readForm(request, 4 * 1024));
  if (parsed.status === "error") return invalid(parsed, 400);
  setApprovalRules({ maxDiscountBp: parsed.data.maxDiscount, minMarginBp: parsed.data.minMargin }, user);
  return redirect("/admin/quote-rules?saved=1");
}

/** A rule's share as the form shows it: "12.5", or empty for none. */
const typed = (bp: number | null) => (bp === null ? "" : String(bp / 100));

export default function QuoteRules() {
  const { rules } = useLoaderData<typeof loader>();
  const result = useFormResult();
  const saving = useIsPending();
  const [search] = useSearchParams();
  return (
    <>
      <header className="page-header">
        <h1>Quote approval rules</h1>
        <p>
          A revision a sales user sends goes to the buyer at once, unless it breaks one of these rules: then it waits
          for an admin, who approves it (it is sent) or declines it with a reason. Admins&rsquo; own revisions are not
          held.
        </p>
        {search.get("saved") && !result ? (
          <p role="status">Saved: the next revision sent is held to these rules.</p>
        ) : null}
      </header>
      <dl className="terms">
        <dt>Discount</dt>
        <dd>
          {rules.maxDiscountBp === null
            ? "Any discount may be sent"
            : `Over ${bpText(rules.maxDiscountBp)} of the goods needs approval`}
        </dd>
        <dt>Margin</dt>
        <dd>
          {rules.minMarginBp === null
            ? "Any margin may be sent"
            : `Under ${bpText(rules.minMarginBp)} needs approval (over the items with a unit cost)`}
        </dd>
        <dt>Set</dt>
        <dd>
          {rules.updatedAt
            ? `${formatDateTimeUtc(rules.updatedAt)}${rules.updatedBy ? ` by ${rules.updatedBy}` : ""}`
            : "The defaults: no admin has changed them"}
        </dd>
      </dl>
      <Form method="post" className="panel">
        <ErrorSummary errors={errorsOf(result)} />
        <TextField
          id="maxDiscount"
          name="maxDiscount"
          label="Approval needed for discounts over (% of the goods)"
          hint="Empty: no limit"
          inputMode="decimal"
          maxLength={7}
          defaultValue={typedOr(result, "maxDiscount", typed(rules.maxDiscountBp))}
          error={result?.fieldErrors.maxDiscount}
        />
        <TextField
          id="minMargin"
          name="minMargin"
          label="Approval needed for margins under (%)"
          hint="Empty: no limit"
          inputMode="decimal"
          maxLength={7}
          defaultValue={typedOr(result, "minMargin", typed(rules.minMarginBp))}
          error={result?.fieldErrors.minMargin}
        />
        <button type="submit" className="button" aria-disabled={saving || undefined}>
          {saving ? "Saving…" : "Save the rules"}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
