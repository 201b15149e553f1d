import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/ui/field";
import { requireUser } from "~/admin/auth.server";
import { USER_INTENT } from "~/admin/back-office";
import { UsersForm } from "~/admin/back-office-schema";
import { errorsOf, typedOr, useFormResult, useIsPending } from "~/lib/forms";
import { constraintsOf, invalid, parseForm } from "~/lib/forms.server";
import { MIN_PASSWORD_LENGTH } from "~/admin/password-policy";
import { readForm } from "~/lib/request-body.server";
import { createUser, listUsers, resetPassword, setUserDisabled } from "~/admin/user.server";
import { TableScroll } from "~/components/ui/table-scroll";

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request, ["admin"]);
  return data({ users: listUsers(), me, constraints: constraintsOf(UsersForm) });
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireUser(request, ["admin"]);
  const form = await readForm(request, 16 * 1024);
  // Passwords are checked but never sent back.
  const parsed = parseForm(UsersForm, form, {
    omit: ["password", "newPassword"],
    extra: { password: form.get("password") ?? "", newPassword: form.get("newPassword") ?? "" },
  });
  if (parsed.status === "error") return invalid(parsed, 400);
  const { data: sent, values } = parsed;
  if (sent.intent === USER_INTENT.create) {
    const created = await createUser(sent);
    if (!created.ok) return invalid({ status: "error", intent: sent.intent, fieldErrors: created.errors, values }, 409);
  } else if (sent.intent === USER_INTENT.reset) {
    if (!(await resetPassword(sent.userId, sent.newPassword))) {
      const fieldErrors = { userId: "Choose a user" };
      return invalid({ status: "error", intent: sent.intent, fieldErrors, values }, 400);
    }
    return redirect("/admin/users?reset=1");
  } else {
    if (sent.userId === me.id) throw new Response("You cannot disable yourself", { status: 400 });
    setUserDisabled(sent.userId, sent.intent === USER_INTENT.disable);
  }
  return redirect("/admin/users");
}

export default function Users() {
  const { users, me, constraints } = useLoaderData<typeof loader>();
  const failed = useFormResult();
  const errors = errorsOf(failed);
  const creating = useFormResult(USER_INTENT.create);
  const resetting = useFormResult(USER_INTENT.reset);
  const saving = useIsPending({ intent: USER_INTENT.create });
  const settingPassword = useIsPending({ intent: USER_INTENT.reset });
  // A password too short is left to the server, whose message says how long it must be.
  const passwordLimits = { ...constraints.password, minLength: undefined };
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
      <TableScroll label="Users">
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
                      <button
                        name="intent"
                        value={user.disabledAt ? USER_INTENT.enable : USER_INTENT.disable}
                        className="button button--secondary"
                      >
                        {user.disabledAt ? `Enable ${user.name}` : `Disable ${user.name}`}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>Add a user</h2>
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value={USER_INTENT.create} />
        <TextField
          id="email"
          name="email"
          type="email"
          label="E-mail"
          {...constraints.email}
          defaultValue={typedOr(creating, "email", "")}
          error={creating?.fieldErrors.email}
        />
        <TextField
          id="name"
          name="name"
          label="Name"
          {...constraints.name}
          defaultValue={typedOr(creating, "name", "")}
          error={creating?.fieldErrors.name}
        />
        <SelectField
          id="role"
          name="role"
          label="Role"
          defaultValue={typedOr(creating, "role", "sales")}
          options={[
            ["sales", "Sales"],
            ["admin", "Admin"],
          ]}
          error={creating?.fieldErrors.role}
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          {...passwordLimits}
          error={creating?.fieldErrors.password}
        />
        <button type="submit" className="button" aria-disabled={saving || undefined}>
          Save user
        </button>
      </Form>
      <h2>Reset a password</h2>
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value={USER_INTENT.reset} />
        <SelectField
          id="userId"
          name="userId"
          label="User"
          defaultValue={typedOr(resetting, "userId", "")}
          options={[
            ["", "Choose a user"],
            ...users.map((user): [string, string] => [String(user.id), `${user.name} (${user.email})`]),
          ]}
          error={resetting?.fieldErrors.userId}
        />
        <TextField
          id="newPassword"
          name="newPassword"
          type="password"
          label="New password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. The user is signed out everywhere.`}
          {...passwordLimits}
          error={resetting?.fieldErrors.newPassword}
        />
        <button type="submit" className="button" aria-disabled={settingPassword || undefined}>
          Set new password
        </button>
      </Form>
    </section>
  );
}
