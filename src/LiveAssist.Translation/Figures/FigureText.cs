using System.Text;

namespace LiveAssist.Translation.Figures;

/// <summary>Edits numbers inside a translated line.</summary>
public static class FigureText
{
    /// <summary>Replaces every number equal to <paramref name="from"/> with <paramref name="to"/>, written as <paramref name="language"/> writes numbers.</summary>
    public static string ReplaceNumber(string text, decimal from, decimal to, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text);
        foreach (var number in NumberRecognizer.Recognize(text).Where(n => n.Value == from).OrderByDescending(n => n.Start))
        {
            builder.Remove(number.Start, number.Length).Insert(number.Start, UnitWords.FormatNumber(to, language));
        }

        return builder.ToString();
    }
}
