/** How many "specs that matter" rows the free-form line form offers (shared by form and schema). */
export const REQUIREMENT_ROWS = 4;
