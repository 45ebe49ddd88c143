// nspell ships no types (and @types/nspell is not installed): the part core/faq uses.
declare module "nspell" {
  interface NSpell {
    correct(word: string): boolean;
    dictionary(dic: string): NSpell;
  }
  function nspell(aff: Buffer | string, dic?: Buffer | string): NSpell;
  export default nspell;
}
