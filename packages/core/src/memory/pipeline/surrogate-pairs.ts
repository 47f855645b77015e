/** Whether `at` falls between the two UTF-16 halves of one character (each stored as U+FFFD alone). */
export const insidePair = (text: string, at: number): boolean =>
  isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at));

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
