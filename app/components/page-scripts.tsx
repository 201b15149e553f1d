import { Scripts } from "@remix-run/react";
import { Children, isValidElement, type ComponentProps, type ReactElement, type ReactNode } from "react";

const isModulePreload = (node: ReactNode) =>
  isValidElement(node) && node.type === "link" && (node.props as { rel?: string }).rel === "modulepreload";

/**
 * Remix's <Scripts> without its `<link rel="modulepreload">` tags (ADR 11): a cold page paints
 * before the browser has fetched and compiled twenty script chunks, and the module script at the
 * end of the body still imports the same chunks to hydrate. It runs on the server and in the
 * browser alike, so hydration sees the markup it rendered. Only link elements whose rel is
 * modulepreload are dropped; anything else Remix renders passes through unchanged.
 */
export function PageScripts(props: ComponentProps<typeof Scripts>) {
  // Called as a function, not rendered, so its output can be filtered; its hooks run in this
  // component, unconditionally and in the same order on every render.
  const rendered = Scripts(props) as ReactElement<{ children?: ReactNode }> | null;
  if (!rendered) return null;
  const kept = Children.toArray(rendered.props.children).filter((child) => !isModulePreload(child));
  return <>{kept}</>;
}
