/** Minimal types for `text-readability` (ships none): only the measures we call. */
declare module "text-readability" {
  interface Readability {
    fleschReadingEase(text: string): number;
    fleschKincaidGrade(text: string): number;
    lexiconCount(text: string, removePunctuation?: boolean): number;
  }
  const readability: Readability;
  // biome-ignore lint/style/noDefaultExport: mirrors the library's own default export.
  export default readability;
}
