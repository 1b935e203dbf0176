using LiveAssist.Captions.Layout;

namespace LiveAssist.Captions.Tests.Layout;

public sealed class CaptionLayoutTests
{
    [Fact]
    public void Chinese_is_cut_into_lines_of_at_most_16_characters_and_cues_of_two_lines()
    {
        var text = "有问题可以在聊天里问我们，我们马上回答，谢谢大家支持晨光，今天的保温杯价格非常优惠，数量有限，欢迎下单！";
        var cues = CaptionLayout.Layout(text, "zh", 0, 3000, 0);
        Assert.All(cues, c => Assert.InRange(c.Lines.Count, 1, 2));
        Assert.All(cues.SelectMany(c => c.Lines), l => Assert.True(l.Length <= 16, l));
        Assert.Equal(text, string.Concat(cues.SelectMany(c => c.Lines)));
    }

    [Fact]
    public void Latin_lines_break_after_a_comma_once_well_filled_and_cues_last_long_enough_to_read()
    {
        var text = "This model costs 1.85 yuan each, the minimum order is 500 pcs, and we ship from Yiwu in 7 days.";
        var cues = CaptionLayout.Layout(text, "en", 1000, 2000, 0);
        var lines = cues.SelectMany(c => c.Lines).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 42, l));
        Assert.EndsWith(",", lines[0], StringComparison.Ordinal);
        foreach (var cue in cues)
        {
            var seconds = (cue.EndMs - cue.StartMs) / 1000.0;
            Assert.True(seconds >= 1);
            Assert.True(cue.Lines.Sum(l => l.Length) / seconds <= 17.01);
        }

        Assert.True(cues[^1].EndMs > 2000, "a line spoken in one second but too long to read in one gets more time");
    }

    [Fact]
    public void A_caption_waits_for_the_previous_one_and_is_never_shorter_than_a_second()
    {
        var cues = CaptionLayout.Layout("OK.", "en", 5000, 5200, notBeforeMs: 6000);
        Assert.Equal(6000, cues[0].StartMs);
        Assert.Equal(7000, cues[0].EndMs);
    }

    [Fact]
    public void Arabic_is_right_to_left_and_Japanese_uses_the_short_line()
    {
        Assert.True(LanguageLayout.For("ar").RightToLeft);
        Assert.False(LanguageLayout.For("es").RightToLeft);
        Assert.Equal(16, LanguageLayout.For("ja").MaxLineChars);
    }
}
