export const COMPANY_NAME = "IronAxis";

export const COMPANY_BLURB =
  "IronAxis is a U.S.-based B2B supplier of industrial equipment, instruments, machinery, food processing systems and new energy solutions for manufacturers, labs and engineering companies.";
