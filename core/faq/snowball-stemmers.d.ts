// The package ships no types (and @types/snowball-stemmers is not installed): the part
// core/faq uses.
declare module "snowball-stemmers" {
  interface SnowballStemmer {
    stem(word: string): string;
  }
  const snowball: {
    newStemmer(language: string): SnowballStemmer;
    algorithms(): string[];
  };
  export default snowball;
}
