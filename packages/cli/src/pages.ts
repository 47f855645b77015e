/** What a list procedure answers: one page of items and the cursor of the next, if any. */
interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** The cursor to add to a list's input: none for the first page. */
type CursorInput = { cursor?: string };

/** Follows a list's pages in order; stop early by leaving the loop. */
export async function* pagesOf<Item>(
  fetchPage: (cursor: CursorInput) => Promise<Page<Item>>,
): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor ? { cursor } : {});
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Every item of a list, all pages followed. */
export async function allItems<Item>(
  fetchPage: (cursor: CursorInput) => Promise<Page<Item>>,
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pagesOf(fetchPage)) items.push(...page);
  return items;
}
