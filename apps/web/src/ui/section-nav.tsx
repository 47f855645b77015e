import { NavLink } from "react-router";
import { classNames } from "./class-names.ts";

export interface SectionLink {
  to: string;
  label: string;
  /** Current only on this exact path, not below it (a project's Workflow tab). */
  end?: boolean;
}

/** How a nav's links look: always, and as the current section or another one. */
export interface SectionLinkLook {
  base: string;
  current: string;
  other: string;
}

/**
 * A nav landmark of links between sections. NavLink decides which one is current (and marks it
 * with aria-current), so the look is the only thing each nav chooses.
 */
export function SectionNav({
  label,
  className,
  links,
  look,
}: {
  label: string;
  className: string;
  links: readonly SectionLink[];
  look: SectionLinkLook;
}) {
  return (
    <nav aria-label={label} className={className}>
      {links.map((link) => (
        <NavLink
          key={link.to}
          to={link.to}
          end={link.end}
          // The focus ring inside the link: bars that scroll sideways (overflow-x) clip what is drawn
          // around their links, and only one edge of a project tab's ring showed.
          className={({ isActive }) =>
            classNames("-outline-offset-2", look.base, isActive ? look.current : look.other)
          }
        >
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
}
