package fold

// cyrTable names a Cyrillic-to-Latin table.
type cyrTable uint8

const (
	// uzbek is the official Uzbek Cyrillic-to-Latin table (1995), with
	// oʻ and gʻ and the tutuq belgisi written without their apostrophes.
	uzbek cyrTable = iota
	// russian is a simplified BGN/PCGN-like romanization of Russian.
	russian
	// passport is the transliteration of Russian passports (ICAO 9303,
	// used since 2013): й i, е and ё e, ю iu, я ia, ъ ie, otherwise as
	// russian ("Iuzhnaia Koreia" for Южная Корея).
	passport
)

// passportLetters are the letters the passport scheme writes otherwise
// than russian.
var passportLetters = map[rune]string{
	'й': "i", 'е': "e", 'ё': "e", 'ю': "iu", 'я': "ia", 'ъ': "ie",
}

// Context-dependent letters, resolved by cyrLatin from the letter before.
const (
	ctxYe = "\x00ye" // е: "ye" at the start of a word, after a vowel, ъ or ь; else "e"
	ctxTs = "\x00ts" // ц in Uzbek: "ts" after a vowel; else "s"
)

// cyrillicLetters are the letters of the Cyrillic block folded to lower
// case, each as {Uzbek, Russian}. Letters of neither alphabet take one
// common value (Ukrainian, Kazakh, Tajik, Serbian letters), so that a
// name in them still has a Latin reading.
var cyrillicLetters = map[rune][2]string{
	'а': {"a", "a"},
	'б': {"b", "b"},
	'в': {"v", "v"},
	'г': {"g", "g"},
	'д': {"d", "d"},
	'е': {ctxYe, ctxYe},
	'ё': {"yo", "yo"},
	'ж': {"j", "zh"},
	'з': {"z", "z"},
	'и': {"i", "i"},
	'й': {"y", "y"},
	'к': {"k", "k"},
	'л': {"l", "l"},
	'м': {"m", "m"},
	'н': {"n", "n"},
	'о': {"o", "o"},
	'п': {"p", "p"},
	'р': {"r", "r"},
	'с': {"s", "s"},
	'т': {"t", "t"},
	'у': {"u", "u"},
	'ф': {"f", "f"},
	'х': {"x", "kh"},
	'ц': {ctxTs, "ts"},
	'ч': {"ch", "ch"},
	'ш': {"sh", "sh"},
	'щ': {"shch", "shch"}, // not in the Uzbek alphabet: Russian words keep the Russian value
	'ъ': {"", ""},         // Uzbek ʼ, dropped with the other apostrophes
	'ы': {"i", "y"},       // not in the Uzbek alphabet: Uzbek writes Russian ы as i
	'ь': {"", ""},
	'э': {"e", "e"},
	'ю': {"yu", "yu"},
	'я': {"ya", "ya"},
	'ў': {"o", "o"}, // Uzbek oʻ
	'қ': {"q", "q"},
	'ғ': {"g", "g"}, // Uzbek gʻ
	'ҳ': {"h", "h"},
	// Letters of other Cyrillic alphabets.
	'і': {"i", "i"},
	'ї': {"yi", "yi"},
	'є': {"ye", "ye"},
	'ґ': {"g", "g"},
	'ә': {"a", "a"},
	'ө': {"o", "o"},
	'ү': {"u", "u"},
	'ұ': {"u", "u"},
	'ң': {"ng", "ng"},
	'һ': {"h", "h"},
	'ҷ': {"j", "j"},
	'ђ': {"dj", "dj"},
	'ј': {"j", "j"},
	'љ': {"lj", "lj"},
	'њ': {"nj", "nj"},
	'ћ': {"c", "c"},
	'џ': {"dz", "dz"},
	'ѕ': {"dz", "dz"},
}

// isCyrillic reports whether r is in the Cyrillic blocks.
func isCyrillic(r rune) bool {
	return r >= 0x0400 && r <= 0x052F || r >= 0x1C80 && r <= 0x1C8F || r >= 0x2DE0 && r <= 0x2DFF || r >= 0xA640 && r <= 0xA69F
}

// isUzbekLetter reports whether r is one of the letters only the Uzbek
// Cyrillic alphabet has among the ones this package reads (ў ғ қ ҳ): a
// name with one of them is read as Uzbek whatever its language tag says.
func isUzbekLetter(r rune) bool {
	switch r {
	case 'ў', 'ғ', 'қ', 'ҳ':
		return true
	}
	return false
}

// isVowel reports whether r, the letter before an е or ц, is a vowel.
func isVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'ў', 'і', 'ї', 'є', 'ә', 'ө', 'ү', 'ұ',
		'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// cyrLatin returns the Latin spelling of the folded Cyrillic letter r in
// table t, given the rune before it in its word (0 at the start of a
// word); ok is false for a letter the tables do not know.
func cyrLatin(r, prev rune, t cyrTable) (latin string, ok bool) {
	if t == passport {
		if s, ok := passportLetters[r]; ok {
			return s, true
		}
		t = russian
	}
	v, ok := cyrillicLetters[r]
	if !ok {
		return "", false
	}
	switch s := v[t]; s {
	case ctxYe:
		switch {
		case prev == 0 || isVowel(prev), prev == 'ъ', prev == 'ь', prev == apostrophe:
			return "ye", true
		}
		return "e", true
	case ctxTs:
		if isVowel(prev) {
			return "ts", true
		}
		return "s", true
	default:
		return s, true
	}
}
