import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/ui/field";
import { ADMIN_HEADERS, requireUser } from "~/lib/auth.server";
import { NewUser, PasswordReset } from "~/lib/back-office-schema";
import { fieldErrors } from "~/lib/form-errors";
import { MIN_PASSWORD_LENGTH } from "~/lib/password-policy";
import { readForm } from "~/lib/request-body.server";
import { createUser, listUsers, resetPassword, setUserDisabled } from "~/models/user.server";

export const headers = () => ADMIN_HEADERS;

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request, ["admin"]);
  return data({ users: listUsers(), me }, { headers: ADMIN_HEADERS });
}


export async function action({ request }: ActionFunctionArgs) {
  const me = await requireUser(request, ["admin"]);
  const form = await readForm(request, 16 * 1024);
  const intent = form.get("intent");
  if (intent === "create") {
    const values = { email: String(form.get("email") ?? "").trim(), name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") };
    const parsed = NewUser.safeParse({ ...values, password: form.get("password") ?? "" });
    if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400, headers: ADMIN_HEADERS });
    const created = await createUser(parsed.data);
    if (!created.ok) return data({ errors: created.errors as Record<string, string>, values }, { status: 409, headers: ADMIN_HEADERS });
  } else if (intent === "reset") {
    const values = { userId: String(form.get("userId") ?? "") };
    const parsed = PasswordReset.safeParse({ ...values, newPassword: form.get("newPassword") ?? "" });
    if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400, headers: ADMIN_HEADERS });
    if (!(await resetPassword(parsed.data.userId, parsed.data.newPassword))) {
      return data({ errors: { userId: "Choose a user" } as Record<string, string>, values }, { status: 400, headers: ADMIN_HEADERS });
    }
    return redirect("/admin/users?reset=1", { headers: ADMIN_HEADERS });
  } else if (intent === "disable" || intent === "enable") {
    const userId = Number(form.get("userId"));
    if (!Number.isSafeInteger(userId) || userId === me.id) throw new Response("You cannot disable yourself", { status: 400 });
    setUserDisabled(userId, intent === "disable");
  } else {
    throw new Response("Unknown action", { status: 400 });
  }
  return redirect("/admin/users", { headers: ADMIN_HEADERS });
}

export default function Users() {
  const { users, me } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors: Record<string, string> = failed?.errors ?? {};
  const typed: Record<string, string> = failed?.values ?? {};
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading">Users</h1>
      {search.get("reset") && !failed ? (
        <p className="notice" role="status">
          Password changed. That user is signed out everywhere and signs in with the new one.
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>{user.role}</td>
              <td>
                {user.id === me.id ? (
                  "you"
                ) : (
                  <Form method="post">
                    <input type="hidden" name="userId" value={user.id} />
                    <button name="intent" value={user.disabledAt ? "enable" : "disable"} className="button button--secondary">
                      {user.disabledAt ? `Enable ${user.name}` : `Disable ${user.name}`}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value="create" />
        <TextField id="email" name="email" type="email" label="E-mail" required defaultValue={typed.email} error={errors.email} />
        <TextField id="name" name="name" label="Name" required defaultValue={typed.name} error={errors.name} />
        <SelectField id="role" name="role" label="Role" defaultValue={typed.role ?? "sales"} options={[["sales", "Sales"], ["admin", "Admin"]]} error={errors.role} />
        <TextField
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          required
          error={errors.password}
        />
        <button type="submit" className="button">
          Save user
        </button>
      </Form>
      <h2>Reset a password</h2>
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value="reset" />
        <SelectField
          id="userId"
          name="userId"
          label="User"
          defaultValue={typed.userId ?? ""}
          options={[["", "Choose a user"], ...users.map((user): [string, string] => [String(user.id), `${user.name} (${user.email})`])]}
          error={errors.userId}
        />
        <TextField
          id="newPassword"
          name="newPassword"
          type="password"
          label="New password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. The user is signed out everywhere.`}
          required
          error={errors.newPassword}
        />
        <button type="submit" className="button">
          Set new password
        </button>
      </Form>
    </section>
  );
}
