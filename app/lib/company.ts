export const COMPANY_NAME = "IronAxis";

export const COMPANY_BLURB =
  "IronAxis is a U.S.-based B2B supplier of industrial equipment, instruments, machinery, food processing systems and new energy solutions for manufacturers, labs and engineering companies.";

/**
 * The seller on every document (quotation, datasheet, invoice): IronAxis in law and how to reach
 * its sales desk. The contact page first showed the same; sales edits that page, not this.
 */
export const SELLER = {
  legalName: "IronAxis, Inc.",
  street: "4810 Industrial Park Drive, Suite 200",
  city: "Houston, TX 77041",
  country: "United States",
  phone: "+1 (713) 555-0142",
  email: "sales@ironaxis.test",
} as const;

/** The seller's block on a document: name, address and how to reach sales. */
export const SELLER_LINES = [
  SELLER.legalName,
  SELLER.street,
  SELLER.city,
  SELLER.country,
  `Phone ${SELLER.phone}`,
  SELLER.email,
];
