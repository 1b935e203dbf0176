namespace LiveAssist.Translation.Offline;

/// <summary>How alike two sentence keys are: the Dice coefficient of their character bigrams, which suits Chinese (no spaces) and Latin text alike.</summary>
internal static class Similarity
{
    public static double Dice(string a, string b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            return a == b ? 1 : 0;
        }

        var bigrams = new Dictionary<(char, char), int>();
        for (var i = 0; i + 1 < a.Length; i++)
        {
            bigrams[(a[i], a[i + 1])] = bigrams.GetValueOrDefault((a[i], a[i + 1])) + 1;
        }

        var shared = 0;
        for (var i = 0; i + 1 < b.Length; i++)
        {
            if (bigrams.TryGetValue((b[i], b[i + 1]), out var count) && count > 0)
            {
                bigrams[(b[i], b[i + 1])] = count - 1;
                shared++;
            }
        }

        return 2.0 * shared / (a.Length - 1 + b.Length - 1);
    }
}
