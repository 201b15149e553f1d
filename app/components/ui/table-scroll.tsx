import type { ReactNode } from "react";

/**
 * A table that may be wider than the screen scrolls sideways in a box of its own rather than
 * widening the page. The box can be reached by keyboard, so it can be scrolled without a pointer
 * (a table of figures has nothing else in it to focus), and is named as its table. It is a group,
 * not a region: a landmark would repeat the name of the section around it.
 */
export function TableScroll({
  label,
  labelledBy,
  children,
}: {
  label?: string;
  labelledBy?: string;
  children: ReactNode;
}) {
  return (
    // A scrolling box is reached by keyboard to be scrolled: the one group that takes the focus.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="group" aria-label={label} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
