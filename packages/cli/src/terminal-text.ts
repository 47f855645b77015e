// Text from the server (documents, names, error messages) may carry escape sequences that a
// terminal would run: OSC 52 writes the clipboard, OSC 0 sets the title, CSI 2J clears the screen.
// Printed to a terminal, such text keeps only \n and \t of the control characters.

/**
 * Whole escape sequences first, so their parameters do not survive as stray text: CSI
 * (`ESC [ params intermediates final`), string commands — OSC, DCS, SOS, PM, APC — up to their
 * terminator (BEL or `ESC \`) or the next ESC, and two-character escapes. Every alternative
 * starts with ESC and each repetition is over a class disjoint from what follows: linear time.
 */
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
/** What is left: C0 controls except \t and \n, DEL, and C1 controls (0x9b is a one-byte CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripTerminalControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(CONTROL_CHARACTER, "");
}
