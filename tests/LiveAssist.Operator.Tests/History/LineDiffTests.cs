using LiveAssist.Operator.History;

namespace LiveAssist.Operator.Tests.History;

/// <summary>The history page shows an operator exactly what an edit changed, line by line.</summary>
public sealed class LineDiffTests
{
    private static string Apply(IEnumerable<DiffLine> diff, string op) => string.Join('\n', diff.Where(d => d.Op == " " || d.Op == op).Select(d => d.Text));

    [Fact]
    public void ChangingOneLine_ShowsItRemovedAndAdded_AndTheRestUnchanged()
    {
        var diff = LineDiff.Compute("{\n  \"hi\": \"Hello\",\n  \"bye\": \"Bye\"\n}", "{\n  \"hi\": \"Hello there\",\n  \"bye\": \"Bye\"\n}");
        Assert.Equal([("-", "  \"hi\": \"Hello\","), ("+", "  \"hi\": \"Hello there\",")], diff.Where(d => d.Op != " ").Select(d => (d.Op, d.Text)));
        Assert.Equal(3, diff.Count(d => d.Op == " "));
    }

    [Theory]
    [InlineData("a\nb\nc\nd", "a\nc\nd\ne")]
    [InlineData("", "x\ny")]
    [InlineData("one\r\ntwo", "two\nthree")]
    [InlineData("same\nsame\nsame", "same")]
    public void TheOldAndNewFiles_CanBeReadBackFromTheDiff(string before, string after)
    {
        var diff = LineDiff.Compute(before, after);
        Assert.Equal(before.Replace("\r\n", "\n", StringComparison.Ordinal), Apply(diff, "-"));
        Assert.Equal(after, Apply(diff, "+"));
    }

    [Fact]
    public void ANewFile_IsAllAdded_AndADeletedOneAllRemoved()
    {
        Assert.All(LineDiff.Compute(null, "a\nb"), d => Assert.Equal("+", d.Op));
        Assert.All(LineDiff.Compute("a\nb", null), d => Assert.Equal("-", d.Op));
    }

    [Fact]
    public void AnUnchangedFile_HasNoChangedLine()
        => Assert.All(LineDiff.Compute("a\nb\nc", "a\nb\nc"), d => Assert.Equal(" ", d.Op));
}
