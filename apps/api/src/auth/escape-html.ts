/** Text made safe to put inside HTML text and quoted attributes of the API's few pages. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
