namespace LiveAssist.Operator.History;

/// <summary>One line of a diff: <c>" "</c> unchanged, <c>"-"</c> removed, <c>"+"</c> added.</summary>
public sealed record DiffLine(string Op, string Text);

/// <summary>A line diff by longest common subsequence; dialog and locale files are small (a few hundred lines).</summary>
public static class LineDiff
{
    private const int MaxLines = 5000;

    public static IReadOnlyList<DiffLine> Compute(string? before, string? after)
    {
        var a = Lines(before);
        var b = Lines(after);
        if (a.Length > MaxLines || b.Length > MaxLines)
        {
            return [.. a.Select(l => new DiffLine("-", l)), .. b.Select(l => new DiffLine("+", l))];
        }

        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var result = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                result.Add(new DiffLine(" ", a[x++]));
                y++;
            }
            else if (common[x + 1, y] >= common[x, y + 1])
            {
                result.Add(new DiffLine("-", a[x++]));
            }
            else
            {
                result.Add(new DiffLine("+", b[y++]));
            }
        }

        result.AddRange(a[x..].Select(l => new DiffLine("-", l)));
        result.AddRange(b[y..].Select(l => new DiffLine("+", l)));
        return result;
    }

    private static string[] Lines(string? text) => text is null ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
