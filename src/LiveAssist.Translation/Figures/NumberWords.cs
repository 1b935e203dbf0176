using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveAssist.Translation.Figures;

/// <summary>
/// Numbers written as words in the caption languages ("two", "veinticinco", "двадцать пять",
/// "mille deux cents", "ثلاثة") and ordinals ("second", "tercero", "второй"), so a vetted "buy two
/// sets and get one free" shows the figures of 买二送一. Words are read per language: "once" is 11
/// in Spanish and not a number in English.
/// </summary>
public static partial class NumberWords
{
    [GeneratedRegex(@"[\p{L}\p{M}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    private enum Role { Unit, Hundred, Thousand, Million, Joiner }

    private sealed record Entry(Role Role, decimal Value, bool Ordinal);

    private static readonly Dictionary<string, Dictionary<string, Entry>> Tables = Build();

    /// <summary>Numbers spelled out in <paramref name="text"/> (a language without a table finds none).</summary>
    /// <returns>Each number, and whether it is "strong": composed of several words or above ten, so
    /// unlikely to be an ordinary word ("second", "neuf" = new, "une" = a).</returns>
    public static IReadOnlyList<(RecognizedNumber Number, bool Strong)> Recognize(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var primary = LanguageTags.Primary(language);
        var glued = GluedScripts.TryGetValue(primary, out var numerals) ? Glued(text, numerals) : [];
        if (!Tables.TryGetValue(primary, out var table))
        {
            return glued;
        }

        var found = new List<(RecognizedNumber, bool)>(glued);
        var words = Word().Matches(text).ToList();
        var i = 0;
        while (i < words.Count)
        {
            if (Lookup(table, words[i].Value, language) is not { Role: not Role.Joiner } first)
            {
                i++;
                continue;
            }

            decimal total = 0, current = 0;
            var count = 0;
            var end = i;
            var ordinal = false;
            for (var j = i; j < words.Count; j++)
            {
                var entry = Lookup(table, words[j].Value, language);
                if (entry is null || (j > i && !Adjacent(text, words[j - 1], words[j])))
                {
                    break;
                }

                if (entry.Role == Role.Joiner)
                {
                    // "hundred and five": a joiner counts only between number words.
                    if (j + 1 < words.Count && Lookup(table, words[j + 1].Value, language) is { Role: not Role.Joiner } && Adjacent(text, words[j], words[j + 1]))
                    {
                        continue;
                    }

                    break;
                }

                switch (entry.Role)
                {
                    case Role.Unit: current += entry.Value; break;
                    case Role.Hundred: current = (current == 0 ? 1 : current) * 100 + (entry.Value > 100 ? entry.Value - 100 : 0); break;
                    case Role.Thousand: total += (current == 0 ? 1 : current) * 1000; current = 0; break;
                    case Role.Million: total += (current == 0 ? 1 : current) * 1_000_000; current = 0; break;
                }

                ordinal |= entry.Ordinal;
                count++;
                end = j;
            }

            var value = total + current;
            var start = words[i].Index;
            var length = words[end].Index + words[end].Length - start;
            found.Add((new RecognizedNumber(value, start, length, string.Empty, string.Empty, false), count > 1 || (value > 10 && !ordinal) || first.Value >= 100));
            i = end + 1;
        }

        return found;
    }

    // Thai writes words without spaces, and Korean glues Sino-Korean numerals into one word ("오백개"): their numbers
    // are read by scanning characters, Chinese-style (digit × multiplier, 万/ล้าน-size multipliers closing a section).
    private static readonly Dictionary<string, GluedNumerals> GluedScripts = new(StringComparer.Ordinal)
    {
        ["th"] = new(1_000_000, "ศูนย์=0 หนึ่ง=1 เอ็ด=1 สอง=2 ยี่=2 สาม=3 สี่=4 ห้า=5 หก=6 เจ็ด=7 แปด=8 เก้า=9 สิบ=*10 ร้อย=*100 พัน=*1000 หมื่น=*10000 แสน=*100000 ล้าน=*1000000"),
        ["ko"] = new(10_000, "영=0 일=1 이=2 삼=3 사=4 오=5 육=6 칠=7 팔=8 구=9 십=*10 백=*100 천=*1000 만=*10000 억=*100000000"),
    };

    /// <summary>A script's numeral tokens (longest first), and the multiplier from which a new section starts (ล้าน, 만).</summary>
    private sealed class GluedNumerals(decimal sectionSize, string spec)
    {
        public decimal SectionSize { get; } = sectionSize;

        public (string Token, decimal Value, bool Multiplier)[] Tokens { get; } =
            [.. spec.Split(' ').Select(t => t.Split('=')).Select(p => (p[0], decimal.Parse(p[1].TrimStart('*'), CultureInfo.InvariantCulture), p[1][0] == '*'))
                .OrderByDescending(t => t.Item1.Length)];
    }

    private static List<(RecognizedNumber, bool)> Glued(string text, GluedNumerals script)
    {
        var numerals = script.Tokens;
        var found = new List<(RecognizedNumber, bool)>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var (tokens, multipliers) = (0, 0);
            decimal total = 0, section = 0, digit = 0;
            while (i < text.Length && numerals.FirstOrDefault(n => string.CompareOrdinal(text, i, n.Token, 0, n.Token.Length) == 0) is { Token: not null } numeral)
            {
                if (!numeral.Multiplier)
                {
                    digit = numeral.Value;
                }
                else if (numeral.Value >= script.SectionSize)
                {
                    total += (section + digit == 0 ? 1 : section + digit) * numeral.Value; // ล้าน, 만, 억 close a section
                    (section, digit) = (0, 0);
                    multipliers++;
                }
                else
                {
                    section += (digit == 0 ? 1 : digit) * numeral.Value;
                    digit = 0;
                    multipliers++;
                }

                tokens++;
                i += numeral.Token.Length;
            }

            if (tokens == 0)
            {
                i++;
                continue;
            }

            // A lone digit syllable is mostly an ordinary syllable (구매 "purchase" starts with 구 = 9): only runs with a multiplier count.
            if (multipliers > 0)
            {
                found.Add((new RecognizedNumber(total + section + digit, start, i - start, string.Empty, string.Empty, false), tokens > 1));
            }
        }

        return found;
    }

    private static bool Adjacent(string text, Match a, Match b)
    {
        var between = text.AsSpan(a.Index + a.Length, b.Index - a.Index - a.Length);
        return between.Length <= 2 && between.Trim(" -\u00A0").IsEmpty;
    }

    private static Entry? Lookup(Dictionary<string, Entry> table, string word, string language)
    {
        var lower = word.ToLower(CultureInfo.InvariantCulture);
        if (table.TryGetValue(lower, out var entry))
        {
            return entry;
        }

        // Arabic joins "and" to the next word: "وعشرون" = "and twenty".
        if (LanguageTags.Primary(language) == "ar" && lower.Length > 2 && lower[0] == 'و' && table.TryGetValue(lower[1..], out var joined))
        {
            return joined;
        }

        return null;
    }

    private static Dictionary<string, Dictionary<string, Entry>> Build()
    {
        // Per language: units (value = position in the list, or given), tens, hundreds, thousands, joiners, ordinals.
        var tables = new Dictionary<string, Dictionary<string, Entry>>(StringComparer.Ordinal);
        void Add(string lang, string spec)
        {
            var table = tables.TryGetValue(lang, out var t) ? t : tables[lang] = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (var item in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (word, rest) = (item[..item.IndexOf('=', StringComparison.Ordinal)], item[(item.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                var role = rest[0] switch { 'h' => Role.Hundred, 'k' => Role.Thousand, 'm' => Role.Million, 'j' => Role.Joiner, _ => Role.Unit };
                var ordinal = rest.EndsWith('o');
                var digits = rest.TrimStart('h', 'k', 'm', 'j').TrimEnd('o');
                var value = digits.Length > 0 ? decimal.Parse(digits, CultureInfo.InvariantCulture) : 0;
                foreach (var form in word.Split('/'))
                {
                    table[form] = new Entry(role, value, ordinal);
                }
            }
        }

        Add("en", "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90 hundred=h thousand=k million=m and=j " +
            "first=1o second=2o third=3o fourth=4o fifth=5o sixth=6o seventh=7o eighth=8o ninth=9o tenth=10o twice=2o dozen=12");
        Add("es", "cero=0 uno/un/una=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 once=11 doce=12 trece=13 catorce=14 quince=15 dieciséis=16 diecisiete=17 dieciocho=18 diecinueve=19 veinte=20 veintiuno/veintiún=21 veintidós=22 veintitrés=23 veinticuatro=24 veinticinco=25 " +
            "treinta=30 cuarenta=40 cincuenta=50 sesenta=60 setenta=70 ochenta=80 noventa=90 cien/ciento=h doscientos/doscientas=h200 trescientos/trescientas=h300 quinientos/quinientas=h500 mil=k millón/millones=m y=j " +
            "primero/primer/primera=1o segundo/segunda=2o tercero/tercer/tercera=3o cuarto/cuarta=4o quinto/quinta=5o");
        Add("pt", "zero=0 um/uma=1 dois/duas=2 três=3 quatro=4 cinco=5 seis=6 sete=7 oito=8 nove=9 dez=10 onze=11 doze=12 treze=13 catorze/quatorze=14 quinze=15 dezesseis=16 dezessete=17 dezoito=18 dezenove=19 vinte=20 trinta=30 quarenta=40 cinquenta=50 sessenta=60 setenta=70 oitenta=80 noventa=90 " +
            "cem/cento=h duzentos/duzentas=h200 trezentos=h300 quinhentos=h500 mil=k milhão/milhões=m e=j primeiro/primeira=1o segundo/segunda=2o terceiro/terceira=3o");
        Add("fr", "zéro=0 un/une=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 douze=12 treize=13 quatorze=14 quinze=15 seize=16 vingt/vingts=20 trente=30 quarante=40 cinquante=50 soixante=60 " +
            "cent/cents=h mille=k million/millions=m et=j premier/première=1o deuxième/second/seconde=2o troisième=3o");
        Add("it", "zero=0 uno/una/un=1 due=2 tre=3 quattro=4 cinque=5 sei=6 sette=7 otto=8 nove=9 dieci=10 undici=11 dodici=12 venti=20 trenta=30 quaranta=40 cinquanta=50 cento=h mille/mila=k milione/milioni=m e=j primo/prima=1o secondo/seconda=2o terzo/terza=3o");
        Add("de", "null=0 ein/eine/einen/eins/einem=1 zwei=2 drei=3 vier=4 fünf=5 sechs=6 sieben=7 acht=8 neun=9 zehn=10 elf=11 zwölf=12 zwanzig=20 dreißig=30 vierzig=40 fünfzig=50 hundert=h tausend=k million/millionen=m und=j erste/ersten/erster=1o zweite/zweiten=2o dritte/dritten=3o");
        Add("ru", "ноль=0 один/одна/одно/одного/одну/одной=1 два/две/двух=2 три/трёх/трех=3 четыре/четырёх=4 пять/пяти=5 шесть=6 семь=7 восемь=8 девять=9 десять=10 одиннадцать=11 двенадцать=12 пятнадцать=15 двадцать=20 тридцать=30 сорок=40 пятьдесят=50 шестьдесят=60 семьдесят=70 восемьдесят=80 девяносто=90 " +
            "сто=h двести=h200 триста=h300 четыреста=h400 пятьсот=h500 тысяча/тысячи/тысяч=k миллион/миллиона/миллионов=m первый/первая/первое/первого=1o второй/вторая/второе/второго=2o третий/третья/третье=3o");
        Add("ar", "صفر=0 واحد/واحدة=1 اثنان/اثنين/اثنتان/اثنتين=2 ثلاثة/ثلاث=3 أربعة/أربع=4 خمسة/خمس=5 ستة/ست=6 سبعة/سبع=7 ثمانية/ثماني=8 تسعة/تسع=9 عشرة/عشر=10 عشرون/عشرين=20 ثلاثون/ثلاثين=30 أربعون/أربعين=40 خمسون/خمسين=50 " +
            "مائة/مئة=h مائتان/مئتان/مائتين/مئتين=h200 ألف/آلاف=k مليون=m الأول/الأولى=1o الثاني/الثانية=2o الثالث/الثالثة=3o قطعتين=2 قطعتان=2");
        Add("tr", "sıfır=0 bir=1 iki=2 üç=3 dört=4 beş=5 altı=6 yedi=7 sekiz=8 dokuz=9 on=10 yirmi=20 otuz=30 kırk=40 elli=50 yüz=h bin=k milyon=m birinci=1o ikinci=2o üçüncü=3o");
        Add("id", "nol=0 satu=1 dua=2 tiga=3 empat=4 lima=5 enam=6 tujuh=7 delapan=8 sembilan=9 sepuluh=10 sebelas=11 seratus=h100 seribu=k1000 ratus=h ribu=k juta=m");
        Add("ko", "하나/한=1 둘/두=2 셋/세=3 넷/네=4 다섯=5 여섯=6 일곱=7 여덟=8 아홉=9 열=10 스물/스무=20 서른=30 마흔=40 쉰=50 첫째/첫=1o 둘째=2o 셋째=3o");
        Add("vi", "không=0 một=1 hai=2 ba=3 bốn=4 năm=5 sáu=6 bảy=7 tám=8 chín=9 mười=10 trăm=h nghìn/ngàn=k triệu=m");
        return tables;
    }
}
