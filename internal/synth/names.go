package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// country is one country a network can hold, with the names its actors are
// made from.
type country struct {
	iso, name string
	names     []store.LocalizedName // its own name in its own languages
	cities    []string              // largest first: most actors are there
	script    int                   // the script some local names are in
}

// The scripts local brand names are written in, indexes into piece.
const (
	latin = iota
	cyrillic
	hangul
)

var countries = []country{
	{"UZ", "Uzbekistan", ln("Oʻzbekiston", "uz-Latn", "Ўзбекистон", "uz-Cyrl"), strs("Tashkent Samarkand Bukhara Namangan Andijan Fergana Nukus"), cyrillic},
	{"KR", "South Korea", ln("대한민국", "ko"), strs("Seoul Busan Incheon Daejeon Asan Pangyo Gwangju"), hangul},
	{"KZ", "Kazakhstan", ln("Қазақстан", "kk", "Казахстан", "ru"), strs("Almaty Astana Shymkent Karaganda"), cyrillic},
	{"KG", "Kyrgyzstan", ln("Кыргызстан", "ky"), strs("Bishkek Osh"), cyrillic},
	{"TJ", "Tajikistan", ln("Тоҷикистон", "tg"), strs("Dushanbe Khujand"), cyrillic},
	{"TM", "Turkmenistan", ln("Türkmenistan", "tk"), strs("Ashgabat"), latin},
	{"RU", "Russia", ln("Россия", "ru"), strs("Moscow Kazan Novosibirsk Innopolis"), cyrillic},
	{"UA", "Ukraine", ln("Україна", "uk"), strs("Kyiv Lviv Kharkiv"), cyrillic},
	{"AZ", "Azerbaijan", ln("Azərbaycan", "az"), strs("Baku Ganja"), latin},
	{"GE", "Georgia", ln("საქართველო", "ka"), strs("Tbilisi Batumi"), latin},
	{"AM", "Armenia", ln("Հայաստան", "hy"), strs("Yerevan Gyumri"), latin},
	{"MN", "Mongolia", ln("Монгол Улс", "mn"), strs("Ulaanbaatar"), cyrillic},
	{"TR", "Türkiye", ln("Türkiye", "tr"), strs("Istanbul Ankara Izmir"), latin},
	{"DE", "Germany", ln("Deutschland", "de"), strs("Berlin Munich Hamburg Karlsruhe"), latin},
	{"FR", "France", nil, strs("Paris Lyon Toulouse Grenoble"), latin},
	{"GB", "United Kingdom", nil, strs("London Manchester Cambridge Edinburgh"), latin},
	{"NL", "Netherlands", ln("Nederland", "nl"), strs("Amsterdam Eindhoven Delft"), latin},
	{"EE", "Estonia", ln("Eesti", "et"), strs("Tallinn Tartu"), latin},
	{"FI", "Finland", ln("Suomi", "fi"), strs("Helsinki Espoo Oulu"), latin},
	{"SE", "Sweden", ln("Sverige", "sv"), strs("Stockholm Gothenburg Lund"), latin},
	{"PL", "Poland", ln("Polska", "pl"), strs("Warsaw Krakow Wroclaw"), latin},
	{"US", "United States", nil, strs("Boston Austin Seattle Pittsburgh"), latin},
	{"CA", "Canada", nil, strs("Toronto Montreal Waterloo"), latin},
	{"JP", "Japan", ln("日本", "ja"), strs("Tokyo Osaka Fukuoka Kyoto"), latin},
	{"CN", "China", ln("中国", "zh"), strs("Shenzhen Beijing Shanghai Hangzhou"), latin},
	{"IN", "India", ln("भारत", "hi"), strs("Bengaluru Hyderabad Pune Chennai"), latin},
	{"SG", "Singapore", nil, strs("Singapore"), latin},
	{"AE", "United Arab Emirates", ln("الإمارات", "ar"), strs("Dubai Sharjah"), latin},
	{"SA", "Saudi Arabia", ln("السعودية", "ar"), strs("Riyadh Jeddah"), latin},
	{"IL", "Israel", ln("ישראל", "he"), strs("Haifa Jerusalem"), latin},
	{"EG", "Egypt", ln("مصر", "ar"), strs("Cairo Alexandria"), latin},
	{"NG", "Nigeria", nil, strs("Lagos Abuja"), latin},
	{"KE", "Kenya", nil, strs("Nairobi Mombasa"), latin},
	{"ZA", "South Africa", nil, strs("Stellenbosch Johannesburg Durban"), latin},
	{"BR", "Brazil", ln("Brasil", "pt"), strs("Campinas Recife Florianopolis"), latin},
	{"MX", "Mexico", ln("México", "es"), strs("Guadalajara Monterrey Puebla"), latin},
	{"AR", "Argentina", nil, strs("Rosario Cordoba Mendoza"), latin},
	{"ID", "Indonesia", nil, strs("Jakarta Bandung Surabaya"), latin},
	{"VN", "Vietnam", ln("Việt Nam", "vi"), strs("Hanoi Danang"), latin},
	{"MY", "Malaysia", nil, strs("Cyberjaya Penang"), latin},
	{"AU", "Australia", nil, strs("Sydney Melbourne Brisbane"), latin},
}

// ln pairs values and language tags: ln(v1, lang1, v2, lang2, ...).
func ln(pairs ...string) []store.LocalizedName {
	var out []store.LocalizedName
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, store.LocalizedName{Value: pairs[i], Lang: pairs[i+1]})
	}
	return out
}

func strs(s string) []string { return strings.Fields(s) }

// piece is a part of a brand name in each script.
type piece [3]string

var (
	brandHeads = []piece{
		{"Smart", "Смарт", "스마트"}, {"Data", "Дата", "데이터"}, {"Green", "Грин", "그린"},
		{"Bio", "Био", "바이오"}, {"Fin", "Фин", "핀"}, {"Edu", "Эду", "에듀"},
		{"Robo", "Робо", "로보"}, {"Cloud", "Клауд", "클라우드"}, {"Agro", "Агро", "아그로"},
		{"Med", "Мед", "메드"}, {"Cyber", "Кибер", "사이버"}, {"Geo", "Гео", "지오"},
		{"Nova", "Нова", "노바"}, {"Silk", "Силк", "실크"}, {"Quantum", "Квантум", "퀀텀"},
		{"Sky", "Скай", "스카이"}, {"Aqua", "Аква", "아쿠아"}, {"Solar", "Солар", "솔라"},
	}
	brandTails = []piece{
		{"Lab", "Лаб", "랩"}, {"Soft", "Софт", "소프트"}, {"Hub", "Хаб", "허브"},
		{"Works", "Воркс", "웍스"}, {"Net", "Нет", "넷"}, {"Systems", "Системс", "시스템즈"},
		{"Pay", "Пэй", "페이"}, {"Mind", "Майнд", "마인드"}, {"Logic", "Лоджик", "로직"},
		{"Way", "Вэй", "웨이"}, {"Link", "Линк", "링크"}, {"Flow", "Флоу", "플로우"},
	}
	fields = strs("Robotics Fintech AgriTech Biotech AI EdTech Logistics Health Cybersecurity Space Mobility Textiles Water Gaming Blockchain IoT Materials Energy Tourism Media")
	// Public fields, for ministries and agencies.
	publicFields = []string{"Digital Technologies", "Innovation", "Economy", "Higher Education",
		"Agriculture", "Energy", "Health", "Investment and Trade", "Science"}
	surnames = []string{"Ulugh Beg", "Al-Khwarizmi", "Ibn Sina", "Turing", "Lovelace", "Curie",
		"Tesla", "Sejong", "Mendeleev", "Abai", "Navoi", "Humboldt"}
	categories = []string{"Accelerator", "Incubator", "Venture fund", "Industry association", "NGO",
		"Technology park", "Corporate", "Business angels network"}
	orgForms = strs("Association Foundation Alliance Council Network Society")
	progAims = []string{"Accelerator", "Incubation Programme", "Grant", "Soft Landing Programme",
		"Mentorship Programme", "Startup Visa", "Export Support Programme"}
	eventForms = strs("Summit Forum Week Hackathon Conference Expo Meetup")
)

// uzbekCities spells Uzbekistan's cities in Uzbek.
var uzbekCities = map[string]string{
	"Tashkent": "Toshkent", "Samarkand": "Samarqand", "Bukhara": "Buxoro", "Namangan": "Namangan",
	"Andijan": "Andijon", "Fergana": "Fargʻona", "Nukus": "Nukus",
}

// namer makes actors' names for one generation.
type namer struct {
	rng *rand.Rand
}

func (n namer) pick(list []string) string { return list[n.rng.IntN(len(list))] }

// city picks a city of c, the largest ones more often.
func (n namer) city(c *country) string {
	k := len(c.cities)
	return c.cities[min(n.rng.IntN(k), n.rng.IntN(k))]
}

// brand makes a brand name in a script, and its Latin form.
func (n namer) brand(script int) (local, latinForm string) {
	h := brandHeads[n.rng.IntN(len(brandHeads))]
	t := brandTails[n.rng.IntN(len(brandTails))]
	return h[script] + t[script], h[latin] + t[latin]
}

// localBrand gives, for a share of the actors of a country with its own
// script, a name in that script with its Latin form as a localized name.
func (n namer) localBrand(c *country, share int) (name string, names []store.LocalizedName, ok bool) {
	if c.script == latin || n.rng.IntN(100) >= share {
		return "", nil, false
	}
	local, latinForm := n.brand(c.script)
	return local, ln(latinForm, "en"), true
}

func (n namer) number() string { return fmt.Sprint(1 + n.rng.IntN(9999)) }

func (n namer) year() int { return 2015 + n.rng.IntN(11) }

func (n namer) startup(c *country) (string, []store.LocalizedName) {
	if name, names, ok := n.localBrand(c, 15); ok {
		return name, names
	}
	_, b := n.brand(latin)
	switch n.rng.IntN(4) {
	case 0:
		return n.city(c) + " " + n.pick(fields) + " Lab " + n.number(), nil
	case 1:
		return b + " " + n.pick(fields), nil
	case 2:
		return b + " " + n.number(), nil
	}
	return b, nil
}

func (n namer) university(c *country) (string, []store.LocalizedName) {
	city := n.city(c)
	if c.iso == "KR" && n.rng.IntN(3) == 0 {
		local, latinForm := n.brand(hangul)
		return local + "대학교", ln(latinForm+" University", "en")
	}
	switch n.rng.IntN(5) {
	case 0:
		if uz, ok := uzbekCities[city]; ok {
			// Uzbek writes oʻ and gʻ with U+02BB or, as often, U+2018.
			if n.rng.IntN(2) == 0 {
				uz = strings.ReplaceAll(uz, "ʻ", "‘")
			}
			return city + " State University", ln(uz+" davlat universiteti", "uz-Latn")
		}
		return city + " State University", nil
	case 1:
		return city + " Technical University", nil
	case 2:
		return city + " Institute of " + n.pick(fields), nil
	case 3:
		return n.pick(surnames) + " University of " + city, nil
	}
	return "University of " + n.pick(fields) + " " + city, nil
}

func (n namer) organization(c *country) string {
	_, b := n.brand(latin)
	switch n.rng.IntN(5) {
	case 0:
		return n.city(c) + " " + n.pick(fields) + " " + n.pick(orgForms)
	case 1:
		return b + " Ventures"
	case 2:
		return c.name + " " + n.pick(fields) + " " + n.pick(orgForms)
	case 3:
		return n.city(c) + " Startup Accelerator " + n.number()
	}
	return b + " Capital"
}

func (n namer) government(c *country) (string, []store.LocalizedName) {
	switch n.rng.IntN(4) {
	case 0:
		f := n.pick(publicFields)
		name := "Ministry of " + f + " of " + c.name
		if c.iso == "UZ" && f == "Digital Technologies" {
			return name, ln("Raqamli texnologiyalar vazirligi", "uz-Latn")
		}
		return name, nil
	case 1:
		return c.name + " " + n.pick(fields) + " Agency", nil
	case 2:
		return n.city(c) + " City Innovation Office", nil
	}
	return c.name + " " + n.pick(publicFields) + " Development Agency", nil
}

func (n namer) event(c *country, year int) string {
	switch n.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%s %s %s %d", n.city(c), n.pick(fields), n.pick(eventForms), year)
	case 1:
		return fmt.Sprintf("%s Week %s %d", n.pick(fields), n.city(c), year)
	case 2:
		_, b := n.brand(latin)
		return fmt.Sprintf("%s Hackathon %d", b, year)
	}
	return fmt.Sprintf("Global %s %s %d", n.pick(fields), n.pick(eventForms), year)
}

func (n namer) program(c *country) string {
	switch n.rng.IntN(3) {
	case 0:
		_, b := n.brand(latin)
		return fmt.Sprintf("%s %s %s Batch %d", b, n.pick(fields), n.pick(progAims), 1+n.rng.IntN(12))
	case 1:
		return c.name + " " + n.pick(progAims)
	}
	return fmt.Sprintf("%s %s %s %d", n.city(c), n.pick(fields), n.pick(progAims), n.year())
}

// abbreviation is the capitals of a name's words, "TSU" for "Tashkent
// State University", or "" when that is under two letters.
func abbreviation(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if r := []rune(w)[0]; r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// plain spells the accented Latin letters of the names above without accents.
var plain = strings.NewReplacer("ü", "u", "é", "e", "ə", "a", "ö", "o", "ç", "c", "ş", "s", "ğ", "g", "ı", "i", "ã", "a", "ó", "o", "ệ", "e")

// slug is the lower-case ASCII letters and digits of a name, runs of
// anything else made one '-', at most 60 bytes.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range plain.Replace(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		case r == 'ʻ' || r == '‘' || r == '\'':
			// Uzbek oʻ: keep the letters together.
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}
