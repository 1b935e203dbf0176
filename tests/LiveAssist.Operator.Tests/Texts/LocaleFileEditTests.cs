using System.Text.Json;
using LiveAssist.Operator.Texts;

namespace LiveAssist.Operator.Tests.Texts;

/// <summary>An operator's text edit changes one key of a locale file and leaves everything else as the translator wrote it.</summary>
public sealed class LocaleFileEditTests
{
    private const string File = "{\n  \"greeting\": \"你好\",\n  \"moq\": [\"起订量 {qty}\", \"最少 {qty}\"],\n  \"bye\": \"再见\"\n}\n";

    private static List<string> Keys(string json) => [.. JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void EditingOneKey_KeepsTheOtherKeysAndTheirOrder_AndChineseReadable()
    {
        var edited = LocaleFileEdit.With(File, "greeting", "  欢迎光临  ", wasList: false);
        Assert.Equal(["greeting", "moq", "bye"], Keys(edited));
        Assert.Contains("\"欢迎光临\"", edited, StringComparison.Ordinal); // not \uXXXX escapes
        Assert.Equal("再见", JsonDocument.Parse(edited).RootElement.GetProperty("bye").GetString());
        Assert.EndsWith("\n", edited, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralLines_OrAKeyThatWasAList_BecomeVariations_WithoutBlankOnes()
    {
        var edited = LocaleFileEdit.With(File, "moq", "起订量 {qty}\r\n\n 最少 {qty} 个 \n", wasList: true);
        var moq = JsonDocument.Parse(edited).RootElement.GetProperty("moq");
        Assert.Equal(["起订量 {qty}", "最少 {qty} 个"], moq.EnumerateArray().Select(v => v.GetString()));

        var single = JsonDocument.Parse(LocaleFileEdit.With(File, "moq", "只有一句", wasList: true)).RootElement.GetProperty("moq");
        Assert.Equal(JsonValueKind.Array, single.ValueKind);
    }

    [Fact]
    public void AnEmptyText_RemovesTheKey_SoTheLanguageFallsBack()
    {
        var edited = LocaleFileEdit.With(File, "bye", " \n ", wasList: false);
        Assert.Equal(["greeting", "moq"], Keys(edited));
    }

    [Fact]
    public void ANewFile_StartsWithTheKey()
    {
        var created = LocaleFileEdit.With(null, "greeting", "Hola", wasList: false);
        Assert.Equal("Hola", JsonDocument.Parse(created).RootElement.GetProperty("greeting").GetString());
    }
}
