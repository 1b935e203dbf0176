using System.Globalization;
using System.Text.RegularExpressions;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Catalog.Client;

namespace LiveAssist.Presenter.Scripts;

/// <summary>
/// Turns a final caption into the presenter's script: product codes are spelled out ("Y W 1 0 0 2 3 4",
/// not "one hundred thousand…"), digit grouping is removed so every voice reads "3 000" as three
/// thousand, and abbreviations buyers see on screen ("pcs") are said in full in the caption's language.
/// </summary>
public static partial class LineScriptWriter
{
    private static readonly Dictionary<string, string> Pieces = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "pieces", ["es"] = "piezas", ["pt"] = "peças", ["fr"] = "pièces", ["ru"] = "штук", ["id"] = "buah", ["vi"] = "chiếc", ["de"] = "Stück", ["it"] = "pezzi",
    };

    public static LineScript Write(string sessionId, Caption caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        var available = caption.Cues.Count > 0 ? caption.Cues[^1].EndMs - caption.Cues[0].StartMs : caption.EndMs - caption.StartMs;
        var segments = new List<ScriptSegment>();
        var text = caption.Text;
        var at = 0;
        foreach (Match code in ProductIds.FindAll(text))
        {
            AddSpoken(segments, text[at..code.Index], caption.Lang);
            segments.Add(new ScriptSegment(code.Value.ToUpperInvariant(), SpellOut: true));
            at = code.Index + code.Length;
        }

        AddSpoken(segments, text[at..], caption.Lang);
        return new LineScript(sessionId, caption.Seq, caption.Lang, caption.Text, segments, (int)Math.Clamp(available, 0, int.MaxValue));
    }

    private static void AddSpoken(List<ScriptSegment> segments, string text, string lang)
    {
        if (text.Length == 0)
        {
            return;
        }

        var spoken = Ungroup(text, lang);
        if (Pieces.TryGetValue(lang, out var pieces))
        {
            spoken = PiecesPattern().Replace(spoken, m => m.Groups[1].Value + pieces);
        }

        segments.Add(new ScriptSegment(spoken));
    }

    // "3,000" (en), "3.000" (es), "3 000" (fr, ru): the digits only, read as one number.
    private static string Ungroup(string text, string lang)
    {
        string separator;
        try
        {
            separator = CultureInfo.GetCultureInfo(lang).NumberFormat.NumberGroupSeparator;
        }
        catch (CultureNotFoundException)
        {
            separator = ",";
        }

        var separators = Regex.Escape(separator) + @"\u00A0\u202F\u2009 ";
        return Regex.Replace(text, $@"(?<![\d.,])\d{{1,3}}(?:[{separators}]\d{{3}})+(?![\d])", m => new string([.. m.Value.Where(char.IsAsciiDigit)]),
            RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    [GeneratedRegex(@"(\d\s?)pcs\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PiecesPattern();
}
