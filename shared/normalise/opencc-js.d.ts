// opencc-js publishes types for its entry points but not for the single dictionaries under `dict/`, which
// simplified.ts imports one by one so that only the traditional → simplified tables ship in the extension.
declare module 'opencc-js/dict/*' {
  /** A dictionary as `source replacement|source replacement|…`. */
  const dict: string;
  export default dict;
}
