/**
 * Ordinary words that the dictionary's roots reach (the Scunthorpe problem). Checked on
 * the normalised word: lower case, е for ё. Found by running the dictionary over the
 * 1.2 million word forms of the hunspell-ru dictionary and reading every hit.
 */
export const profanityExclusions: readonly RegExp[] = [
  /^бля(?:шк|шек|х|мб)/, // бляшка, бляха, блямба
  /^педик(?:юр|улез|еб)/, // педикюр, педикулёз
  /^сучко(?:в|рез)/, // сучковатый, сучкорез (of a knot)
  /^крендел/, // крендель
  /^козлин(?:ый|ая|ое|ые|ого|ому|ым|ом|ой|ую|ою|ых|ыми)$/, // козлиное молоко
  /^петушь(?:е|и|я|ю|его|ему|ем|ей|им|их|ими)$/, // петушье перо
  /^кончит/, // кончится, кончить
  /^кончен(?:[аоы]|н[а-я]*)?$/, // всё кончено
  /^извращен(?!ец|ц|к)/, // извращение фактов
  /^нигер(?:а|у|ом|е)?$/, // Нигер, the country; the slur is spelled with "гг"
  /^нигери/, // Нигерия
  /^нигерийск/,
  /^нигерск/,
  /^нигрин/,
  /^не(?:громк|громозд|греющ|грамот|груб|груз|граф|гряз|гроз|гражд)/, // негромкий, неграмотный
  /^сперм(?:ат|ин|ацет)/, // сперматозоид, спермацет (biology)
];
