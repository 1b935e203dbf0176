using System.Globalization;
using System.Text;

namespace LiveAssist.Presenter.Timings;

/// <summary>
/// IPA phoneme (as espeak-ng names it, in any language) → Azure viseme id 0–21. The table is
/// Azure's en-US one, extended to the sounds our other languages have by the nearest mouth shape;
/// docs/visemes.md lists it with the reasons.
/// </summary>
public static class VisemeMap
{
    public const int Silence = 0;

    /// <summary>A vowel or consonant the table does not know gets a neutral, half-open mouth.</summary>
    public const int Neutral = 1;

    // Diphthongs and affricates first: they have their own shapes (9, 10, 11) or take the first sound's.
    private static readonly (string Ipa, int Id)[] Clusters =
    [
        ("aʊ", 9), ("aɪ", 11), ("ɔɪ", 10), ("oɪ", 10), ("eɪ", 4), ("oʊ", 8), ("əʊ", 8), ("ɛɪ", 4), ("ɑɪ", 11),
        ("tʃ", 16), ("dʒ", 16), ("tɕ", 16), ("dʑ", 16), ("ts", 15), ("dz", 15), ("tʂ", 16), ("dʐ", 16),
    ];

    private static readonly Dictionary<char, int> Single = Build(
        (1, "æəʌɐɜɘɤ"),
        (2, "ɑaäɶ"),
        (3, "ɔɒ"),
        (4, "ɛʊe"),
        (5, "ɝɚ"),
        (6, "jiɪɨʝ"),
        (7, "wuʉyʏɯʍɥ"),
        (8, "oøœɵ"),
        (12, "hɦxχħʔ"),
        (13, "ɹrɾʁɻʀ"),
        (14, "lɫʎɭʟ"),
        (15, "szɕʑ"),
        (16, "ʃʒʂʐ"),
        (17, "ð"),
        (18, "fvβɸʋ"),
        (19, "dtnθɲɳɗʈɖ"),
        (20, "kgɡŋɣqɢcɟɰ"),
        (21, "pbmɱ"));

    /// <summary>The viseme for one phoneme; an empty name (espeak's pause) is silence.</summary>
    public static int For(string ipa)
    {
        var sound = Strip(ipa);
        if (sound.Length == 0)
        {
            return Silence;
        }

        foreach (var (cluster, id) in Clusters)
        {
            if (sound.StartsWith(cluster, StringComparison.Ordinal))
            {
                return id;
            }
        }

        return Single.TryGetValue(sound[0], out var viseme) ? viseme : Neutral;
    }

    // Stress and length marks, tie bars and diacritics (nasal tilde, palatalization ʲ) do not change the mouth's basic shape.
    private static string Strip(string ipa)
    {
        var builder = new StringBuilder(ipa.Length);
        foreach (var c in ipa.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
                || c is 'ˈ' or 'ˌ' or 'ː' or 'ˑ' or '\u0361' or '\u035C' or '-' or ';' or ':' || char.IsWhiteSpace(c) || char.IsDigit(c))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static Dictionary<char, int> Build(params (int Id, string Sounds)[] rows)
    {
        var map = new Dictionary<char, int>();
        foreach (var (id, sounds) in rows)
        {
            foreach (var c in sounds)
            {
                map[c] = id;
            }
        }

        return map;
    }
}
