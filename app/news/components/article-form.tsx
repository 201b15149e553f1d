import { Form, useNavigation } from "@remix-run/react";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { MAX_MARKDOWN_CHARS } from "~/news/markdown-limits";

type Props = {
  values: Record<string, string>;
  categoryIds: string[];
  errors: Record<string, string>;
  categories: { id: number; label: string; depth: number }[];
  submitLabel: string;
};

/** The news editor. "Preview" posts the form and shows the body rendered as the public page will. */
export function ArticleForm({ values, categoryIds, errors, categories, submitLabel }: Props) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  const field = (name: string) => ({ id: name, name, defaultValue: values[name] ?? "", error: errors[name] });
  return (
    <Form method="post" className="panel admin-form" noValidate>
      <ErrorSummary errors={errors} />
      <TextField {...field("title")} label="Title" required maxLength={200} />
      <div className="form-grid">
        <TextField
          {...field("slug")}
          label="Slug"
          hint="Part of the address /news/…; empty makes one from the title"
          maxLength={120}
        />
        <TextField {...field("publishedOn")} label="Publication date" type="date" required />
        <SelectField
          {...field("status")}
          label="Status"
          options={[
            ["draft", "Draft (not public)"],
            ["published", "Published"],
          ]}
        />
      </div>
      <TextAreaField {...field("summary")} label="Summary" rows={2} maxLength={500} />
      <TextAreaField
        {...field("bodyMarkdown")}
        label="Body (Markdown)"
        hint="## for section headings; HTML and scripts are removed when shown"
        rows={16}
        maxLength={MAX_MARKDOWN_CHARS}
        className="mono"
      />
      <TextField {...field("tags")} label="Tags" hint="Comma-separated, e.g. energy, refining" maxLength={1000} />
      <fieldset aria-describedby={errors.categoryIds ? "categoryIds-error" : undefined}>
        <legend>Related equipment categories</legend>
        {errors.categoryIds ? (
          <span id="categoryIds-error" className="field-error">
            {errors.categoryIds}
          </span>
        ) : null}
        <div className="checkbox-columns" id="categoryIds">
          {categories.map((category) => (
            <label key={category.id} className={category.depth ? "checkbox-columns__child" : undefined}>
              <input
                type="checkbox"
                name="categoryIds"
                value={category.id}
                defaultChecked={categoryIds.includes(String(category.id))}
              />{" "}
              {category.label.replace(/^(— )+/, "")}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Repost</legend>
        <label className="checkbox-row" id="isRepost">
          <input
            type="checkbox"
            name="isRepost"
            value="yes"
            defaultChecked={values.isRepost === "yes"}
            aria-describedby={errors.isRepost ? "isRepost-error" : undefined}
          />{" "}
          This is a repost of someone else’s article
        </label>
        {errors.isRepost ? (
          <span id="isRepost-error" className="field-error">
            {errors.isRepost}
          </span>
        ) : null}
        <div className="form-grid">
          <TextField
            {...field("sourceName")}
            label="Source name"
            hint="Only where the source is actually known"
            maxLength={200}
          />
          <TextField
            {...field("sourceUrl")}
            label="Source URL"
            type="url"
            hint="http:// or https:// only"
            maxLength={500}
          />
        </div>
        <TextAreaField {...field("repostNotice")} label="Repost notice" rows={2} maxLength={1000} />
      </fieldset>
      <div className="actions">
        <button
          type="submit"
          name="intent"
          value="preview"
          className="button button--secondary"
          aria-disabled={Boolean(busy) || undefined}
        >
          {busy === "preview" ? "Rendering…" : "Preview"}
        </button>
        <button type="submit" name="intent" value="save" className="button" aria-disabled={Boolean(busy) || undefined}>
          {busy === "save" ? "Saving…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
