import { createContext, useContext, useState, type ReactNode } from "react";

const STYLE_ID = "site-styles";
const StylesContext = createContext<string | undefined>(undefined);

/** Hands the stylesheet's text from entry.server down to <InlineStyles>. */
export function StylesProvider({ css, children }: { css: string; children: ReactNode }) {
  return <StylesContext.Provider value={css}>{children}</StylesContext.Provider>;
}

/**
 * The site's one stylesheet (18 KB, under 5 KB compressed), inlined in <head> so a first visit
 * paints without waiting for a second request. Later pages arrive by client navigation and do
 * not carry it again. In the browser the text is read back from the server's element, so no
 * script bundle carries a copy.
 */
export function InlineStyles({ nonce }: { nonce: string }) {
  const fromServer = useContext(StylesContext);
  const [css] = useState(() => fromServer ?? (typeof document === "undefined" ? "" : (document.getElementById(STYLE_ID)?.textContent ?? "")));
  return <style id={STYLE_ID} nonce={nonce} dangerouslySetInnerHTML={{ __html: css }} />;
}
