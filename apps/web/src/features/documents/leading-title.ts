import type { AllowElement, ExtraProps } from "react-markdown";

type Element = NonNullable<ExtraProps["node"]>;
type Node = Element["children"][number];

/** All the text inside a hast node (a heading's words without their emphasis or code marks). */
export function textContent(node: Node | Element): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element") return "";
  return node.children.map(textContent).join("");
}

const normalized = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * Documents open with `# Title`, and the page already shows that title as its h1: an
 * `allowElement` filter that drops the body's first element when it is an h1 saying the same.
 * A leading h1 with other words stays (it says something the page header does not).
 */
export function withoutRepeatedTitle(title: string): AllowElement {
  return (element, index, parent) => {
    if (element.tagName !== "h1" || parent?.type !== "root") return true;
    const first = parent.children.findIndex((child) => child.type === "element");
    return !(first === index && normalized(textContent(element)) === normalized(title));
  };
}
