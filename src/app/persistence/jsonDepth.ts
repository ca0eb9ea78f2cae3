/**
 * How deeply a JSON text nests, found by one scan without parsing. V8's JSON.parse copes with any depth but spends
 * ~0.2 ms per thousand levels: a 2 MB link of brackets (a 2.6 KB link once compressed) would freeze the page for
 * ~0.25 s. The saved formats nest at most ~8 levels, so anything far deeper is refused before JSON.parse, and a
 * share link is refused while it is still being decompressed (the scanner takes the output chunk by chunk).
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const OPEN_OBJECT = 123;
const CLOSE_ARRAY = 93;
const CLOSE_OBJECT = 125;

/**
 * A scanner fed UTF-8 bytes or UTF-16 code units in pieces; `push` returns true once the nesting passed `max`.
 * (The structural characters are ASCII, which never occurs inside a multi-byte UTF-8 sequence.)
 */
export function depthScanner(max = MAX_JSON_DEPTH): { push(units: ArrayLike<number> | string): boolean } {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let tooDeep = false;
  return {
    push(units) {
      if (tooDeep) return true;
      const text = typeof units === 'string' ? units : null;
      for (let i = 0; i < units.length; i++) {
        const c = text ? text.charCodeAt(i) : ((units as ArrayLike<number>)[i] as number);
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
        } else if (c === QUOTE) inString = true;
        else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
          if (++depth > max) return (tooDeep = true);
        } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
      }
      return false;
    },
  };
}

/** True when `text` opens more than `max` arrays/objects inside one another (brackets in strings do not count). */
export const nestsDeeper = (text: string, max = MAX_JSON_DEPTH): boolean => depthScanner(max).push(text);
