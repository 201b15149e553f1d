import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { forEachRow } from "./each-row";

const sqlite = new Database(":memory:");
sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, price REAL, note TEXT)");
const insert = sqlite.prepare("INSERT INTO t (name, price, note) VALUES (?, ?, ?)");
for (let n = 1; n <= 2000; n++) insert.run(`item ${n}`, n * 1.5, n % 3 === 0 ? null : `n${n}`);

describe("forEachRow", () => {
  it("hands over every row's values in the select's order, and says how many rows", () => {
    const select = "SELECT id, name, price, note FROM t WHERE id > ? ORDER BY price DESC, id";
    const seen: unknown[][] = [];
    const rows = forEachRow<[number, string, number, string | null]>(
      sqlite,
      select,
      ["id", "name", "price", "note"],
      [10],
      (...values) => seen.push(values.slice(0, 4)),
    );
    const expected = sqlite.prepare(select).raw().all(10);
    expect(rows).toBe(1990);
    expect(seen).toEqual(expected);
    expect(seen[0]).toEqual([2000, "item 2000", 3000, "n2000"]);
    expect(forEachRow(sqlite, "SELECT id FROM t WHERE id < 0", ["id"], [], () => {})).toBe(0);
  });

  it("lets an error thrown by a row through, and runs again after it", () => {
    const fail = () =>
      forEachRow<[number]>(sqlite, "SELECT id FROM t ORDER BY id", ["id"], [], (id) => {
        if (id === 5) throw new Error("row 5");
      });
    expect(fail).toThrow("row 5");
    const after: number[] = [];
    forEachRow<[number]>(sqlite, "SELECT id FROM t WHERE id <= 2 ORDER BY id", ["id"], [], (id) => after.push(id));
    expect(after).toEqual([1, 2]);
  });

  it("takes 1 to 8 columns", () => {
    const nine = Array.from({ length: 9 }, () => "id");
    expect(() => forEachRow(sqlite, "SELECT id FROM t", nine, [], () => {})).toThrow(RangeError);
    expect(() => forEachRow(sqlite, "SELECT id FROM t", [], [], () => {})).toThrow(RangeError);
  });
});
