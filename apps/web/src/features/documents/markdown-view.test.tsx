import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MarkdownView } from "./markdown-view.tsx";

const headings = () => screen.queryAllByRole("heading").map((heading) => heading.textContent);

describe("a leading heading that repeats the page's title", () => {
  it("is dropped, whatever its emphasis, case or spacing", () => {
    render(
      <MarkdownView content={"# The  *Bakery*   app\n\nBread.\n\n## Users\n"} pageTitle="The bakery app" />,
    );
    expect(headings()).toEqual(["Users"]);
    expect(screen.getByText("Bread.")).toBeTruthy();
  });

  it("is dropped when written as a setext heading", () => {
    render(
      <MarkdownView content={"The bakery app\n==============\n\nBread.\n"} pageTitle="The bakery app" />,
    );
    expect(headings()).toEqual([]);
  });

  it("stays when it says something else, or when it is not the first thing", () => {
    render(<MarkdownView content={"# Overview\n\nBread.\n"} pageTitle="The bakery app" />);
    render(<MarkdownView content={"Intro.\n\n# The bakery app\n"} pageTitle="The bakery app" />);
    expect(headings()).toEqual(["Overview", "The bakery app"]);
  });

  it("stays without a page title (a conflict side, another version's text)", () => {
    render(<MarkdownView content={"# The bakery app\n"} />);
    expect(headings()).toEqual(["The bakery app"]);
  });
});
