import { describe, expect, it } from "vitest";
import { getCategory } from "./category.server";
import { getCatalogIndex } from "./catalog-index.server";
import { adoptWarmUpWords, getSearchVocabulary } from "./search-vocabulary.server";
import { CORRECTABLE_TERM_SQL } from "./search-typos";
import { sqlite } from "~/lib/db.server";
import { makeProduct } from "../../tests/support/factories";

const vocabulary = () => getSearchVocabulary(getCatalogIndex().version);
const titleWords = () =>
  sqlite.prepare(`SELECT term, doc FROM products_title_vocab WHERE ${CORRECTABLE_TERM_SQL}`).raw().all() as [
    string,
    number,
  ][];

describe("completions", () => {
  it("offers the words starting with what was typed, commonest first, and says when it is a word", () => {
    const categoryId = getCategory({ slug: "hydraulic-presses" })!.category.id;
    for (const letter of ["A", "B", "C"]) makeProduct({ categoryId, name: `Wombat strap ${letter}` });
    makeProduct({ categoryId, name: "Wombling hook" });
    // Of any age: none before the first reading, which a keystroke never makes.
    expect(vocabulary().completions("womb", 3, true)).toEqual({ whole: false, words: [] });
    expect(vocabulary().completions("womb", 3, false)).toEqual({ whole: false, words: ["wombat", "wombling"] });
    expect(vocabulary().completions("wombat", 3, false)).toEqual({ whole: true, words: ["wombat"] });
    expect(vocabulary().completions("womba", 1, false)).toEqual({ whole: false, words: ["wombat"] });
  });

  it("of any age, keeps to the last reading until another thread hands over a new one", () => {
    const categoryId = getCategory({ slug: "hydraulic-presses" })!.category.id;
    vocabulary().completions("zz", 3, false); // a reading, made now
    makeProduct({ categoryId, name: "Quokka clamp" });
    expect(vocabulary().completions("quok", 3, true).words).toEqual([]);
    adoptWarmUpWords(titleWords(), []);
    expect(vocabulary().completions("quok", 3, true).words).toEqual(["quokka"]);
  });

  it("offers the summaries' words another thread hands over, beside the names', until it hands over others", () => {
    adoptWarmUpWords(titleWords(), [["numbat", 700]]);
    expect(vocabulary().completions("numb", 3, true)).toEqual({ whole: false, words: ["numbat"] });
    // A reading of the names' words made here keeps them.
    expect(vocabulary().completions("numb", 3, false).words).toEqual(["numbat"]);
    adoptWarmUpWords(titleWords(), []);
    expect(vocabulary().completions("numb", 3, true).words).toEqual([]);
  });
});
