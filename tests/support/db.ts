import Database from "better-sqlite3";

/** The running app's database, read-only: for checking what was (not) written. */
export function openE2eDatabase() {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set (playwright.config.ts sets it)");
  return new Database(file, { readonly: true, fileMustExist: true });
}

export function countRows(sql: string, ...params: unknown[]) {
  const db = openE2eDatabase();
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

export function queryRow<T>(sql: string, ...params: unknown[]) {
  const db = openE2eDatabase();
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

/**
 * Time passes: every revision of the request `reference` becomes valid until `day` (YYYY-MM-DD),
 * written straight into the running app's database, as the night would move the date.
 */
export function setQuoteValidUntil(reference: string, day: string) {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set (playwright.config.ts sets it)");
  const db = new Database(file, { fileMustExist: true });
  try {
    db.prepare(
      "UPDATE quote_revisions SET valid_until = ? WHERE request_id = (SELECT id FROM quote_requests WHERE reference = ?)",
    ).run(day, reference);
  } finally {
    db.close();
  }
}

/**
 * Sales has set the company named `name` on `terms` with a credit limit (written straight into
 * the running app's database, as the back-office form would; accounts-terms.spec.ts uses the form).
 */
export function setCompanyTerms(name: string, terms: "card" | "net15" | "net30" | "net60", creditLimitCents: number) {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set (playwright.config.ts sets it)");
  const db = new Database(file, { fileMustExist: true });
  try {
    const { changes } = db
      .prepare("UPDATE companies SET payment_terms = ?, credit_limit_cents = ? WHERE name = ?")
      .run(terms, creditLimitCents, name);
    if (changes !== 1) throw new Error(`No one company named ${name}`);
  } finally {
    db.close();
  }
}

/**
 * Time passes: the invoice of the order `reference` was issued and fell due `days` earlier than it
 * did, written straight into the running app's database (the days of an invoice are the only
 * columns its triggers let change, so the calendar can move in tests).
 */
export function backdateInvoice(reference: string, days: number) {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set (playwright.config.ts sets it)");
  const db = new Database(file, { fileMustExist: true });
  try {
    const shift = `-${days} days`;
    const { changes } = db
      .prepare(
        "UPDATE invoices SET issued_on = date(issued_on, ?), due_on = date(due_on, ?) WHERE order_id = (SELECT id FROM orders WHERE reference = ?)",
      )
      .run(shift, shift, reference);
    if (changes !== 1) throw new Error(`No invoice for order ${reference}`);
  } finally {
    db.close();
  }
}

/**
 * Sales has approved a tax-exempt certificate of the company named `name`, issued by
 * `issuingState` (written straight into the running app's database, as the back-office review
 * would; accounts-tax-exempt.spec.ts uses the forms).
 */
export function approveTaxCertificate(name: string, issuingState: string, certificateNumber: string) {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set (playwright.config.ts sets it)");
  const db = new Database(file, { fileMustExist: true });
  try {
    const { changes } = db
      .prepare(
        `INSERT INTO tax_exempt_certificates
           (company_id, state, issuing_state, certificate_number, original_name, stored_name, content_type, size_bytes, expires_on)
         SELECT id, 'approved', ?, ?, 'certificate.pdf', 'certificate-e2e.pdf', 'application/pdf', 1, '2099-12-31'
         FROM companies WHERE name = ?`,
      )
      .run(issuingState, certificateNumber, name);
    if (changes !== 1) throw new Error(`No one company named ${name}`);
  } finally {
    db.close();
  }
}

/**
 * A dry run under `token` has read `checkedBytes` of `fileBytes`: the row the server keeps while it
 * checks, written straight into the running app's database, for a page held before its check starts.
 */
export function setImportCheckProgress(token: string, fileBytes: number, checkedBytes: number) {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set (playwright.config.ts sets it)");
  const db = new Database(file, { fileMustExist: true });
  try {
    db.prepare("INSERT INTO catalog_import_checks (token, file_bytes, checked_bytes) VALUES (?, ?, ?)").run(
      token,
      fileBytes,
      checkedBytes,
    );
  } finally {
    db.close();
  }
}
