import type { TokenCounting } from "@jeex/contracts/estimate";

type Encoding = TokenCounting["encoding"];

/** Counts a prompt's tokens the way the model's tokenizer splits them. */
export interface TokenCounter {
  counting: TokenCounting;
  count(text: string): number;
}

// OpenAI's model families and their encodings (tiktoken's model table): the 4o, 4.1, 4.5, 5,
// o-series and gpt-oss models use o200k_base (gpt-oss its harmony variant, same ranks); GPT-4
// and GPT-3.5 use cl100k_base.
const families: { pattern: RegExp; encoding: Encoding }[] = [
  {
    pattern: /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)(\b|-|$)/,
    encoding: "o200k_base",
  },
  { pattern: /^(gpt-4|gpt-3\.5)(\b|-|$)/, encoding: "cl100k_base" },
];

/** `openai/gpt-4o` (a router's name) and `gpt-4o:latest` (a local tag) are the same model. */
function bareModel(model: string): string {
  const name = model.trim().toLowerCase();
  const afterRouter = name.slice(name.lastIndexOf("/") + 1);
  const tag = afterRouter.indexOf(":");
  return tag < 0 ? afterRouter : afterRouter.slice(0, tag);
}

/**
 * The encoding for a model and whether the count is exact. A model outside OpenAI's families
 * (Llama, Qwen, Mistral behind an OpenAI-compatible server) has its own tokenizer we do not
 * ship; it is counted with o200k_base and marked approximate. No error bound is claimed: the
 * model's own vocabulary may split the text differently.
 */
export function countingFor(model: string): TokenCounting {
  const family = families.find(({ pattern }) => pattern.test(bareModel(model)));
  if (family) {
    return {
      encoding: family.encoding,
      exact: true,
      description: `${family.encoding} (gpt-tokenizer), the tokenizer of ${model}`,
    };
  }
  return {
    encoding: "o200k_base",
    exact: false,
    description: `approximate: ${model} has no tokenizer here, counted with o200k_base (gpt-tokenizer)`,
  };
}

type Encoder = (text: string) => number;

// Each encoding's ranks take tens of megabytes once loaded, and a server uses one model family:
// loaded on first use, once.
const encoders = new Map<Encoding, Promise<Encoder>>();

// Text that looks like a special token (`<|endoftext|>`) is sent as plain text, so it is counted
// as plain text rather than refused.
const plainText = { disallowedSpecial: new Set<string>() };

// BPE is quadratic in the length of one pre-tokenised piece (measured: a 32 KB run of spaces
// takes 1.7 s, 500 KB minutes), so text is counted in pieces of at most this many characters, cut
// before a space (else a line break) where the window has one: exact for prose, a token or so off
// per cut inside one long run.
const maxPieceLength = 1_000;

/** The pieces `text` is counted in, in order; joined they are `text`. */
export function countingPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > maxPieceLength) {
    const window = text.slice(start, start + maxPieceLength);
    // Before a space: the tokenizer starts a word's token with its space, so prose counts exactly.
    const space = window.lastIndexOf(" ");
    const cut = space > 0 ? space : window.lastIndexOf("\n");
    const end = start + (cut > 0 ? cut : maxPieceLength);
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

async function loadEncoder(encoding: Encoding): Promise<Encoder> {
  const { countTokens } =
    encoding === "o200k_base"
      ? await import("gpt-tokenizer/encoding/o200k_base")
      : await import("gpt-tokenizer/encoding/cl100k_base");
  return (text) => countingPieces(text).reduce((total, piece) => total + countTokens(piece, plainText), 0);
}

export async function tokenCounterFor(model: string): Promise<TokenCounter> {
  const counting = countingFor(model);
  let encoder = encoders.get(counting.encoding);
  if (!encoder) {
    encoder = loadEncoder(counting.encoding);
    encoders.set(counting.encoding, encoder);
  }
  return { counting, count: await encoder };
}

/**
 * Chat framing the API adds around messages (OpenAI's cookbook: 3 tokens per message, 3 to
 * prime the reply).
 */
export const chatFramingTokens = (messages: number) => messages * 3 + 3;
