import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormError, TextField } from "~/components/ui/field";
import { requireUser } from "~/admin/auth.server";
import { SYNONYM_INTENT } from "~/catalog/search-synonym-forms";
import { SynonymForm } from "~/catalog/search-synonym-schema";
import {
  createSynonymGroup,
  deleteSynonymGroup,
  listSynonymGroups,
  updateSynonymGroup,
} from "~/catalog/search-synonyms.server";
import { writeTransaction } from "~/lib/db.server";
import { errorsOf, type FieldConstraint, typedOr, unclaimed, useFormResult, useIsPending } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";

export const meta: MetaFunction = () => [
  { title: "Search synonyms · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

const SAVED: Record<string, string> = {
  created: "Synonyms added: search uses them now.",
  updated: "Synonyms saved: search uses them now.",
  deleted: "Synonyms deleted.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  return data({ groups: listSynonymGroups(), constraints: constraintsOf(SynonymForm) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const parsed = parseForm(SynonymForm, await readForm(request, 16 * 1024));
  if (parsed.status === "error") return invalid(parsed, 400);
  const form = parsed.data;
  if (form.intent === SYNONYM_INTENT.create) {
    writeTransaction(() => createSynonymGroup(form.terms));
    return redirect("/admin/search-synonyms?saved=created");
  }
  if (form.intent === SYNONYM_INTENT.delete) {
    writeTransaction(() => deleteSynonymGroup(form.id));
    return redirect("/admin/search-synonyms?saved=deleted");
  }
  if (!writeTransaction(() => updateSynonymGroup(form.id, form.terms)))
    return invalid(
      formErrorResult(parsed.values, "These synonyms were deleted meanwhile.", { intent: form.intent }),
      404,
    );
  return redirect("/admin/search-synonyms?saved=updated");
}

function SynonymRow({
  group,
  termsConstraint,
}: {
  group: { id: number; terms: string; updatedAt: string };
  termsConstraint?: FieldConstraint;
}) {
  const failed = useFormResult();
  const mine = failed && failed.intent !== SYNONYM_INTENT.create && failed.values.id === String(group.id);
  const fieldId = `terms-${group.id}`;
  const errors = mine ? { ...(failed.fieldErrors.terms ? { [fieldId]: failed.fieldErrors.terms } : {}) } : {};
  const saving = useIsPending({ intent: SYNONYM_INTENT.save });
  return (
    <li>
      <Form method="post" className="panel" key={group.updatedAt}>
        {mine && failed.formError ? (
          <p className="field-error" role="alert">
            {failed.formError}
          </p>
        ) : null}
        <ErrorSummary errors={errors} />
        <input type="hidden" name="id" value={group.id} />
        <TextField
          id={fieldId}
          name="terms"
          label={`Group “${group.terms.split(",")[0]}”`}
          {...termsConstraint}
          defaultValue={mine ? typedOr(failed, "terms", group.terms) : group.terms}
          error={errors[fieldId]}
        />
        <button
          type="submit"
          name="intent"
          value={SYNONYM_INTENT.save}
          className="button"
          aria-disabled={saving || undefined}
        >
          Save
        </button>{" "}
        <button type="submit" name="intent" value={SYNONYM_INTENT.delete} className="button button--secondary">
          Delete
        </button>
      </Form>
    </li>
  );
}

export default function AdminSearchSynonyms() {
  const { groups, constraints } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const answered = useFormResult();
  const failed = useFormResult(SYNONYM_INTENT.create);
  const errors = errorsOf(failed);
  const creating = useIsPending({ intent: SYNONYM_INTENT.create });
  const saved = SAVED[search.get("saved") ?? ""];
  return (
    <section aria-labelledby="synonyms-heading">
      <h1 id="synonyms-heading">Search synonyms</h1>
      <p className="muted">
        Each group lists words a buyer may type for the same thing, separated by commas: a search for any of them finds
        what the others find (“pasteuriser, pasteurizer”; “VFD, variable frequency drive”). A term that is a category
        name brings that category along. Try one on the <Link to="/search">search page</Link>.
      </p>
      {saved && !answered ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <Form method="post" className="panel admin-form" aria-labelledby="new-synonyms-heading">
        <h2 id="new-synonyms-heading">New group</h2>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="intent" value={SYNONYM_INTENT.create} />
        <TextField
          id="terms"
          name="terms"
          label="Terms"
          hint="Two or more, separated by commas"
          {...constraints.terms}
          defaultValue={typedOr(failed, "terms", "")}
          error={errors.terms}
        />
        <button type="submit" className="button" aria-disabled={creating || undefined}>
          Add synonyms
        </button>
      </Form>
      <h2>Groups ({groups.length})</h2>
      <FormError
        result={unclaimed(
          answered,
          "id",
          groups.map((group) => group.id),
        )}
      />
      <ul>
        {groups.map((group) => (
          <SynonymRow key={group.id} group={group} termsConstraint={constraints.terms} />
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
